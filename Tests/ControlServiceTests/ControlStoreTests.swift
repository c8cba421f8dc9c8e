import GRDB
import Testing

@testable import ControlService

@Suite struct ControlStoreTests {
    @Test func oneDefaultPerOrganizationAndKapacitorsGoWithTheirSource() throws {
        let store = try ControlStore(path: nil)
        let first = try store.save(SourceRecord(name: "a", url: "http://a:8086"))
        #expect(first.isDefault, "an organization's first source is its default")
        var second = SourceRecord(name: "b", url: "http://b:8086")
        second.isDefault = true
        let saved = try store.save(second)
        #expect(try store.sources().map(\.isDefault) == [false, true])
        let other = try store.save(SourceRecord(name: "c", url: "http://c:8086", organization: "other"))
        #expect(other.isDefault, "organizations have their own default")

        try store.database.write { db in
            var kapacitor = KapacitorRecord(sourceID: saved.id!, name: "k", url: "http://k:9092")
            try kapacitor.insert(db)
        }
        #expect(try store.deleteSource(saved.id!))
        #expect(try store.database.read { db in try KapacitorRecord.fetchCount(db) } == 0)
        #expect(try store.source(first.id!)?.isDefault == true, "the default's removal promotes another")
        #expect(try store.deleteSource(saved.id!) == false)
    }
}
