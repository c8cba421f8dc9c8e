import Foundation
import HTTPTypes
public import Hummingbird

/// Refuses a state-changing request (anything but GET, HEAD, OPTIONS) that a browser sent from another site: a web
/// page a user opens must not define tasks, drop databases or change connections with the user's network position or
/// session. A browser names the page's origin in `Origin` (and `Sec-Fetch-Site`); requests without them (curl, the
/// client libraries) pass, as do origins the service allows (`[store] cors-allowed-origins`).
public struct CrossSiteRequestGuard<Context: RequestContext>: RouterMiddleware {
    let allowedOrigins: [String]

    public init(allowedOrigins: [String] = []) {
        self.allowedOrigins = allowedOrigins
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method), isCrossSite(request) else { return try await next(request, context) }
        let body = #"{"error":"cross-site request refused","message":"cross-site request refused"}"#
        return Response(
            status: .forbidden, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private func isCrossSite(_ request: Request) -> Bool {
        let origin = request.headers[.origin]
        if let origin, allowedOrigins.contains("*") || allowedOrigins.contains(origin) { return false }
        if request.headers[.secFetchSite] == "cross-site" { return true }
        guard let origin else { return false }
        guard let components = URLComponents(string: origin), let host = components.host else { return true }
        let port = components.port.map { ":\($0)" } ?? ""
        return (host + port).lowercased() != (request.head.authority ?? "").lowercased()
    }
}

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
