import Foundation
import Synchronization
import Yams

/// One value a sideload file gives a key: numbers are read as Kapacitor reads them (YAML and JSON numbers alike
/// become floats), nested maps and lists are values nothing converts to.
enum SideloadValue: Sendable, Equatable {
    case number(Double)
    case bool(Bool)
    case string(String)
    case unconvertible
}

/// The values files of a sideload directory (`.source('file:///abs/dir')`), as Kapacitor's sideload service keeps
/// them: every file below the directory by its relative path (`t0/a.yml`), `.yml`/`.yaml` read as YAML, `.json` as
/// JSON, any other file as holding nothing. Read when the first task uses the directory and on reload; a file that
/// does not read fails the load with its name.
public final class SideloadSource: Sendable {
    public let directory: String
    private let files = Mutex<[String: [String: SideloadValue]]>([:])
    /// A values file larger than this is refused rather than read into memory.
    static let maximumFileSize = 16 << 20

    init(directory: String) throws {
        self.directory = directory
        try reload()
    }

    /// Reads the directory again; on failure the values already held stay.
    public func reload() throws {
        var loaded: [String: [String: SideloadValue]] = [:]
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
            let walker = FileManager.default.enumerator(atPath: directory)
        else {
            throw SideloadError("failed to update sideload cache for source file \"\(directory)\": no such directory")
        }
        while let relative = walker.nextObject() as? String {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            do {
                loaded[relative] = try Self.values(ofFile: path)
            } catch {
                throw SideloadError(
                    "failed to update sideload cache for source file \"\(directory)\": failed to read values file \"\(relative)\": \(error)"
                )
            }
        }
        files.withLock { $0 = loaded }
    }

    /// The value of `key` in the first file of `order` that has it.
    func lookup(order: [String], key: String) -> SideloadValue? {
        let key = (key as NSString).standardizingPath
        return files.withLock { files in
            for name in order { if let value = files[name]?[key] { return value } }
            return nil
        }
    }

    private static func values(ofFile path: String) throws -> [String: SideloadValue] {
        let fileExtension = (path as NSString).pathExtension.lowercased()
        guard ["yml", "yaml", "json"].contains(fileExtension) else { return [:] }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes[.size] as? Int, size > maximumFileSize {
            throw SideloadError("values file \"\(path)\" is larger than \(maximumFileSize) bytes")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object: Any?
        if fileExtension == "json" {
            object = try JSONSerialization.jsonObject(with: data)
        } else {
            object = try Yams.load(yaml: String(decoding: data, as: UTF8.self))
        }
        guard let map = object as? [String: Any] else {
            if object == nil { return [:] }
            throw SideloadError("values file \"\(path)\" is not a map of keys to values")
        }
        return map.mapValues(Self.value)
    }

    /// Yams gives Swift's own types; Foundation's JSON gives NSNumbers, booleans among them (type `c` or `B`).
    private static func value(_ any: Any) -> SideloadValue {
        if let flag = any as? Bool, type(of: any) == Bool.self { return .bool(flag) }
        if let number = any as? Int, type(of: any) == Int.self { return .number(Double(number)) }
        if let number = any as? Double, type(of: any) == Double.self { return .number(number) }
        if let text = any as? String { return .string(text) }
        if let number = any as? NSNumber {
            let kind = String(cString: number.objCType)
            return kind == "c" || kind == "B" ? .bool(number.boolValue) : .number(number.doubleValue)
        }
        return .unconvertible
    }
}

/// Why a sideload source could not be read.
public struct SideloadError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The sideload sources of every task, one per directory, so `POST /kapacitor/v1/sideload/reload` reloads them all.
public final class SideloadRegistry: Sendable {
    private let sources = Mutex<[String: SideloadSource]>([:])

    public init() {}

    /// The directory's source, read on first use.
    func source(directory: String) throws -> SideloadSource {
        if let known = sources.withLock({ $0[directory] }) { return known }
        let source = try SideloadSource(directory: directory)
        return sources.withLock { sources in
            if let known = sources[directory] { return known }
            sources[directory] = source
            return source
        }
    }

    /// Reads every source again; the first failure is thrown after the others are tried.
    public func reloadAll() throws {
        var failure: (any Error)?
        for source in sources.withLock({ Array($0.values) }) {
            do { try source.reload() } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }
}
