import FileIO
import Foundation
import InfluxQL
import SundialTesting
import Testing

@testable import StoreAccess

@Suite struct AccessStoreTests {
    @Test func usersAndPrivilegesSurviveAReopenAndPasswordsAreHashed() throws {
        let directory = try TemporaryDirectory()
        let store = try AccessStore(directory: directory.path)
        try store.createUser("admin", password: "s3cret", isAdmin: true)
        try store.createUser("bob", password: "pw", isAdmin: false)
        try store.setPrivilege("bob", database: "db", .read)

        let reopened = try AccessStore(directory: directory.path)
        #expect(reopened.users.map(\.name) == ["admin", "bob"])
        #expect(reopened.user("bob")?.privileges == ["db": .read])
        #expect(reopened.authenticate("admin", password: "s3cret")?.isAdmin == true)
        #expect(reopened.authenticate("admin", password: "wrong") == nil)
        #expect(reopened.authenticate("nobody", password: "s3cret") == nil)
        let file = try String(contentsOfFile: directory.path + "/access.json", encoding: .utf8)
        #expect(!file.contains("s3cret") && file.contains("$2"))
    }

    @Test func aPasswordThatIsATokenStandsForTheTokenWhateverTheUserName() throws {
        let store = try AccessStore(directory: try TemporaryDirectory().path)
        try store.createUser("me", password: "pw", isAdmin: true)
        let organization = try store.createOrganization("acme")
        let (token, _) = try store.createToken(description: "t", orgID: organization.id, permissions: [], isOperator: false, token: "tok")
        guard case .token(let found) = store.principal(user: "me", password: "tok") else {
            Issue.record("not the token")
            return
        }
        #expect(found.id == token.id)
        guard case .token = store.principal(user: "", password: "tok") else {
            Issue.record("not the token")
            return
        }
        guard case .user(let account) = store.principal(user: "me", password: "pw") else {
            Issue.record("not the user")
            return
        }
        #expect(account.name == "me")
        #expect(store.principal(user: "me", password: "nope") == nil)
        #expect(store.principal(user: "", password: "pw") == nil)
    }

    /// An unknown user is refused only after a bcrypt as long as a wrong password's, so timing does not tell which
    /// user names exist (without it the unknown user's refusal took microseconds, the wrong password's ~60 ms).
    @Test func refusalsTakeAsLongWhetherOrNotTheUserExists() throws {
        let store = try AccessStore(directory: try TemporaryDirectory().path)
        try store.createUser("bob", password: "pw", isAdmin: false)
        let clock = ContinuousClock()
        _ = store.authenticate("ghost", password: "x")  // makes the unmatchable hash once
        let wrong = clock.measure { #expect(store.authenticate("bob", password: "nope") == nil) }
        let unknown = clock.measure { #expect(store.authenticate("ghost", password: "nope") == nil) }
        #expect(unknown > wrong / 4, "unknown user \(unknown), wrong password \(wrong)")
    }

    /// A verified password is remembered (a repeat costs a SHA-256, not a bcrypt) and forgotten when it changes.
    @Test func verifiedPasswordsAreCachedUntilThePasswordChanges() throws {
        let store = try AccessStore(directory: try TemporaryDirectory().path)
        try store.createUser("bob", password: "pw", isAdmin: false)
        let clock = ContinuousClock()
        let first = clock.measure { #expect(store.authenticate("bob", password: "pw") != nil) }
        let repeated = clock.measure { for _ in 0..<100 { #expect(store.authenticate("bob", password: "pw") != nil) } }
        #expect(repeated < first, "100 cached checks (\(repeated)) should cost less than one bcrypt (\(first))")
        try store.setPassword("bob", password: "new")
        #expect(store.authenticate("bob", password: "pw") == nil)
        #expect(store.authenticate("bob", password: "new") != nil)
        try store.dropUser("bob")
        #expect(store.authenticate("bob", password: "new") == nil)
    }

    @Test func userErrorsUseInfluxDBTexts() throws {
        let store = try AccessStore(directory: try TemporaryDirectory().path)
        try store.createUser("bob", password: "pw", isAdmin: false)
        try store.createUser("bob", password: "pw", isAdmin: false)  // the same again: a no-op
        #expect(throws: AccessError(.conflict, "user already exists")) { try store.createUser("bob", password: "other", isAdmin: false) }
        #expect(throws: AccessError(.conflict, "user already exists")) { try store.createUser("bob", password: "pw", isAdmin: true) }
        #expect(throws: AccessError(.invalid, "username required")) { try store.createUser("", password: "pw", isAdmin: false) }
        #expect(throws: AccessError(.notFound, "user not found")) { try store.dropUser("alice") }
        #expect(throws: AccessError(.notFound, "user not found")) { try store.setPassword("alice", password: "x") }
        try store.setPassword("bob", password: "new")
        #expect(store.authenticate("bob", password: "pw") == nil)
        #expect(store.authenticate("bob", password: "new") != nil)
    }

    /// Fails each file call of a save in turn: a failed change is neither in memory nor on disk, an acknowledged one
    /// is in both.
    @Test func aChangeThatCannotBeSavedIsNotMade() throws {
        for call in 1...7 {
            let directory = try TemporaryDirectory()
            let failing = FaultInjectingFileSystem()
            let store = try AccessStore(directory: directory.path, fileSystem: failing)
            try store.createUser("kept", password: "pw", isAdmin: true)
            failing.failCall(call, with: .noSpace)
            let saved = (try? store.createUser("new", password: "pw", isAdmin: false)) != nil
            failing.reset()
            let expected = saved ? ["kept", "new"] : ["kept"]
            #expect(store.users.map(\.name) == expected, "failing call \(call)")
            #expect(try AccessStore(directory: directory.path).users.map(\.name) == expected, "failing call \(call)")
        }
    }

    @Test func authorizationFollowsInfluxDBRules() throws {
        let store = try AccessStore(directory: try TemporaryDirectory().path)
        try store.createUser("bob", password: "pw", isAdmin: false)
        try store.setPrivilege("bob", database: "db", .read)
        let bob = Principal.user(try #require(store.user("bob")))
        func denial(_ query: String, db: String? = "db") throws -> String? {
            store.denial(of: try Parser.parse(query)[0], by: bob, defaultDatabase: db)
        }
        #expect(try denial("SELECT v FROM cpu") == nil)
        #expect(try denial("SHOW MEASUREMENTS") == nil)
        #expect(try denial("SHOW DATABASES") == nil)
        #expect(try denial("SELECT v FROM other.autogen.cpu")?.hasSuffix("requires READ on other") == true)
        #expect(try denial("DELETE FROM cpu") == "bob not authorized to execute statement 'DELETE FROM cpu', requires WRITE on db")
        #expect(
            try denial("CREATE DATABASE x") == "bob not authorized to execute statement 'CREATE DATABASE x', requires admin privilege")
        #expect(try denial("DROP RETENTION POLICY rp ON db")?.hasSuffix("requires WRITE on db") == true)
    }

    @Test func tokensAreStoredAsDigestsAndScopedToBuckets() throws {
        let directory = try TemporaryDirectory()
        let store = try AccessStore(directory: directory.path)
        let setup = try store.onboard(
            username: "me", password: nil, organization: "org", bucket: "telegraf", retentionSeconds: 0, token: "my-token")
        #expect(setup.token == "my-token" && store.token(matching: "my-token")?.isOperator == true)
        #expect(throws: AccessError(.conflict, "onboarding has already been completed")) {
            try store.onboard(username: "me", password: nil, organization: "o2", bucket: "b", retentionSeconds: 0, token: nil)
        }
        let other = try store.createBucket("other/weekly", orgID: setup.organization.id, retentionSeconds: 604_800)
        #expect(other.database == "other" && other.retentionPolicy == "weekly")
        let (reader, secret) = try store.createToken(
            description: "reader", orgID: setup.organization.id, permissions: [.init(action: .read, bucketID: setup.bucket.id)],
            isOperator: false)
        #expect(secret.count == 86 && store.token(matching: secret) == reader)
        #expect(store.may(.token(reader), .read, on: "telegraf") && !store.may(.token(reader), .write, on: "telegraf"))
        #expect(!store.may(.token(reader), .read, on: "other"))
        let file = try String(contentsOfFile: directory.path + "/access.json", encoding: .utf8)
        #expect(!file.contains(secret) && !file.contains("my-token"))
    }

    @Test func virtualAndPhysicalMappings() throws {
        let store = try AccessStore(directory: try TemporaryDirectory().path)
        let org = try store.createOrganization("org")
        let plain = try store.createBucket("telegraf", orgID: org.id, retentionSeconds: 0)
        let split = try store.createBucket("db/rp", orgID: org.id, retentionSeconds: 0)
        let virtual = store.mappings(orgID: org.id)
        #expect(
            virtual.map { "\($0.database).\($0.retentionPolicy) \($0.isDefault) \($0.isVirtual)" } == [
                "telegraf.autogen true true", "db.rp false true",
            ])
        #expect(store.resolve(database: "telegraf", retentionPolicy: nil)?.id == plain.id)
        #expect(store.resolve(database: "db", retentionPolicy: "rp")?.id == split.id)
        #expect(store.resolve(database: "db", retentionPolicy: nil) == nil)

        let mapping = try store.createMapping(database: "legacy", retentionPolicy: "one", isDefault: nil, orgID: org.id, bucketID: plain.id)
        #expect(mapping.isDefault)
        #expect(store.resolve(database: "legacy", retentionPolicy: nil)?.id == plain.id)
        #expect(throws: AccessError(.conflict, "another DBRP mapping with same orgID, db, and rp exists")) {
            try store.createMapping(database: "legacy", retentionPolicy: "one", isDefault: nil, orgID: org.id, bucketID: split.id)
        }
        let second = try store.createMapping(database: "legacy", retentionPolicy: "two", isDefault: true, orgID: org.id, bucketID: split.id)
        #expect(store.mapping(id: mapping.id, orgID: org.id)?.isDefault == false && second.isDefault)
        try store.deleteMapping(id: second.id, orgID: org.id)
        #expect(store.mapping(id: mapping.id, orgID: org.id)?.isDefault == true)
        _ = try store.deleteBucket(id: plain.id)
        #expect(store.mapping(id: mapping.id, orgID: org.id) == nil)
    }
}
