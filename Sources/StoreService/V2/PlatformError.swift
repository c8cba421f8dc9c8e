import Foundation
import HTTPTypes
import Hummingbird
import StoreAccess

/// An error in InfluxDB 2.x's shape: `{"code":"<code>","message":"<text>"}`, with the code repeated in
/// `X-Platform-Error-Code`; clients such as `influxdb-client` read `message` from it.
struct PlatformError: HTTPResponseError {
    enum Code: String {
        case invalid, unauthorized, forbidden, conflict
        case notFound = "not found"
        case tooLarge = "request too large"
        case unprocessable = "unprocessable entity"
        case internalError = "internal error"

        var status: HTTPResponse.Status {
            switch self {
            case .invalid: .badRequest
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .conflict, .unprocessable: .unprocessableContent
            case .tooLarge: .contentTooLarge
            case .internalError: .internalServerError
            }
        }
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A refusal from the access store in 2.x's words; any other failure is an internal error.
    init(_ failure: any Error) {
        guard let error = failure as? AccessError else {
            self.init(.internalError, "\(failure)")
            return
        }
        switch error.kind {
        case .invalid: self.init(.invalid, error.message)
        case .notFound: self.init(.notFound, error.message)
        case .conflict: self.init(.conflict, error.message)
        case .unauthorized: self.init(.unauthorized, error.message)
        case .forbidden: self.init(.forbidden, error.message)
        case .storage: self.init(.internalError, error.message)
        }
    }

    static let unauthorizedAccess = PlatformError(.unauthorized, "unauthorized access")

    var status: HTTPResponse.Status { code.status }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: ["code": code.rawValue, "message": message], options: [.sortedKeys])
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .platformErrorCode: code.rawValue],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}

extension HTTPField.Name {
    static let platformErrorCode = Self("X-Platform-Error-Code")!
}
