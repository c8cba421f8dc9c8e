import Foundation
import GRDB
import SundialTesting
import Testing

@testable import ControlService

@Suite struct SealedSecretTests {
    /// With a credentials key, `control.sqlite` holds connection passwords sealed; they read back as given, and a
    /// password stored before the key was configured is sealed at start.
    @Test func passwordsAreSealedAtRestAndReadBack() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path + "/control.sqlite"
        let unsealed = try ControlStore(path: database)
        var before = SourceRecord(id: nil)
        before.url = "http://a:8086"
        before.password = CredentialSeal.isConfigured ? "" : "old-pw"
        try unsealed.save(before)

        let keyFile = directory.path + "/key"
        try Data((0..<32).map { UInt8($0) }).base64EncodedString().write(toFile: keyFile, atomically: true, encoding: .utf8)
        try CredentialSeal.configure(keyFile: keyFile)
        let store = try ControlStore(path: database)
        try store.sealStoredCredentials()
        var source = SourceRecord(id: nil)
        source.url = "http://b:8086"
        source.password = "s3cret-pw"
        source.sharedSecret = "shared"
        let saved = try store.save(source)
        #expect(try store.source(saved.id!)?.password == "s3cret-pw")
        let raw = try DatabaseQueue(path: database).read { db in try String.fetchAll(db, sql: "SELECT password FROM source ORDER BY id") }
        #expect(raw.allSatisfy { $0.isEmpty || $0.hasPrefix("sealed:v1:") }, "\(raw)")
        #expect(!raw.joined().contains("s3cret-pw") && !raw.joined().contains("old-pw"))
        #expect(throws: CredentialSeal.Failure.self) { try CredentialSeal.configure(keyFile: directory.path + "/missing") }
    }
}
