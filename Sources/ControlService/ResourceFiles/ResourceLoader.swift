import FileIO
import Foundation

/// The `.src`, `.kap` and `.org` files of the resources directory, read at start-up: placeholders filled from the
/// environment, ids as strings or numbers. A file that cannot be used is skipped and named in `problems`, so the
/// server starts with the rest.
struct ResourceFiles {
    var sources: [SourceRecord] = []
    var kapacitors: [KapacitorRecord] = []
    var organizations: [OrganizationRecord] = []
    /// Which file each source and Kapacitor came from, by id.
    var sourceFiles: [Int64: String] = [:]
    var kapacitorFiles: [Int64: String] = [:]
    var dashboards: [DashboardJSON] = []
    var dashboardFiles: [Int64: String] = [:]
    var problems: [String] = []

    /// Reads `directory` (missing: nothing to read). `takenSourceIDs` and `takenDashboardIDs` are the stored ones',
    /// which win.
    static func load(
        directory: String, environment: [String: String], takenSourceIDs: Set<Int64>, takenDashboardIDs: Set<Int64> = []
    ) -> ResourceFiles {
        var files = ResourceFiles()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for kind in ["org", "src", "kap", "dashboard"] {
            for name in names where (name as NSString).pathExtension == kind {
                let path = directory + "/" + name
                do {
                    let object = try read(path, environment: environment)
                    if kind == "dashboard" {
                        try files.addDashboard(object, path: path, takenIDs: takenDashboardIDs)
                        continue
                    }
                    try files.add(object, kind: kind, path: path, takenSourceIDs: takenSourceIDs)
                } catch {
                    files.problems.append("skipped \(path): \(error)")
                }
            }
        }
        return files
    }

    /// A `.dashboard` file: a dashboard, or Chronograf's export of one (`{"dashboard": …}`), checked as the API checks
    /// one.
    private mutating func addDashboard(_ object: [String: Any], path: String, takenIDs: Set<Int64>) throws {
        var document = object
        if (object["name"] as? String ?? "").isEmpty, let exported = object["dashboard"] as? [String: Any] { document = exported }
        let data = try JSONSerialization.data(withJSONObject: document)
        guard var dashboard = try? JSONDecoder().decode(DashboardJSON.self, from: data) else {
            throw Problem(description: "not a dashboard")
        }
        dashboard.id = try Self.id(document["id"], field: "id")
        guard !takenIDs.contains(dashboard.id), dashboardFiles[dashboard.id] == nil else {
            throw Problem(description: "duplicate dashboard id \(dashboard.id)")
        }
        do {
            try DashboardRules.check(&dashboard)
        } catch let error as ChronografError {
            throw Problem(description: error.message)
        }
        dashboards.append(dashboard)
        dashboardFiles[dashboard.id] = path
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    private static func read(_ path: String, environment: [String: String]) throws -> [String: Any] {
        guard let data = try? POSIXFileSystem().contents(of: path) else { throw Problem(description: "cannot be read") }
        let filled = try EnvironmentTemplate.fill(String(decoding: data, as: UTF8.self), environment: environment)
        guard let object = try? JSONSerialization.jsonObject(with: Data(filled.utf8)) as? [String: Any] else {
            throw Problem(description: "not a JSON object")
        }
        return object
    }

    private mutating func add(_ object: [String: Any], kind: String, path: String, takenSourceIDs: Set<Int64>) throws {
        switch kind {
        case "org":
            guard let id = object["id"].flatMap(Self.text), let name = object["name"] as? String, !name.isEmpty else {
                throw Problem(description: "an organization needs an id and a name")
            }
            guard !organizations.contains(where: { $0.id == id }) else { throw Problem(description: "duplicate organization id \(id)") }
            organizations.append(OrganizationRecord(id: id, name: name, defaultRole: object["defaultRole"] as? String ?? "member"))
        case "src":
            let id = try Self.id(object["id"], field: "id")
            guard !takenSourceIDs.contains(id), sourceFiles[id] == nil else { throw Problem(description: "duplicate source id \(id)") }
            var source = SourceRecord(id: id)
            SourceJSON.apply(object, to: &source)
            if let organization = object["organization"] as? String, !organization.isEmpty { source.organization = organization }
            guard !source.url.isEmpty else { throw Problem(description: "url required") }
            sources.append(source)
            sourceFiles[id] = path
        default:
            let id = try Self.id(object["id"], field: "id")
            let sourceValue = object.first { $0.key.lowercased() == "srcid" }?.value
            let sourceID = try Self.id(sourceValue, field: "srcID")
            guard sourceFiles[sourceID] != nil || takenSourceIDs.contains(sourceID) else {
                throw Problem(description: "srcID \(sourceID) is no source")
            }
            guard kapacitorFiles[id] == nil else { throw Problem(description: "duplicate kapacitor id \(id)") }
            var kapacitor = KapacitorRecord(id: id, sourceID: sourceID)
            KapacitorJSON.apply(object, to: &kapacitor)
            if let organization = object["organization"] as? String, !organization.isEmpty { kapacitor.organization = organization }
            kapacitors.append(kapacitor)
            kapacitorFiles[id] = path
        }
    }

    /// A non-negative id written as a string (`"10000"`, as Chronograf requires) or as a number.
    static func id(_ value: Any?, field: String) throws -> Int64 {
        guard let text = value.flatMap(Self.text), let id = Int64(text), id >= 0 else {
            throw Problem(description: "\(field) must be a non-negative integer, as a string or a number")
        }
        return id
    }

    private static func text(_ value: Any) -> String? {
        if let string = value as? String { return string }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }
}

/// An organization from an `.org` file (`{"id","name","defaultRole"}`).
struct OrganizationRecord: Equatable {
    var id: String
    var name: String
    var defaultRole: String
}
