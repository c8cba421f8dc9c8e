import ControlUI
import FileIO
import Foundation
import HTTPTypes
import Hummingbird

/// The web UI: `/` and every client-side route (`/sources/…`) answer `index.html`; `/ui/…` the UI's own files
/// (built in, or from `ui-path` while developing it); `/vendor/…` Debian's JavaScript libraries from
/// `javascript-path` (Dygraphs, CodeMirror), which are never copied into Sundial.
struct UIRoutes {
    let assets: URL?
    let vendor: URL

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/") { _, _ in try file(["index.html"], under: assets) }
        routes.get("/sources/**") { _, _ in try file(["index.html"], under: assets) }
        routes.get("/login") { _, _ in try file(["index.html"], under: assets) }
        routes.get("/ui/**") { _, context in try file(context.parameters.getCatchAll().map(String.init), under: assets) }
        routes.get("/vendor/**") { _, context in try file(context.parameters.getCatchAll().map(String.init), under: vendor) }
        // The UI asks with HEAD whether a library is installed.
        routes.head("/vendor/**") { _, context in
            let response = try file(context.parameters.getCatchAll().map(String.init), under: vendor)
            return Response(status: response.status, headers: response.headers)
        }
        return routes
    }

    /// A file below `root`; a path that climbs out (`..`) or names a hidden file is 404, like a missing one.
    private func file(_ components: [String], under root: URL?) throws -> Response {
        guard let root, !components.isEmpty, components.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") }) else {
            throw ChronografError(.notFound, "not found")
        }
        let url = components.reduce(root) { $0.appendingPathComponent($1) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let data = try? POSIXFileSystem().contents(of: url.path)
        else { throw ChronografError(.notFound, "not found") }
        let headers: HTTPFields = [.contentType: ControlUI.contentType(of: url.path), .cacheControl: "no-cache"]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
