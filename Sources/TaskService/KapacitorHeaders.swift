internal import Foundation
import HTTPTypes
import Hummingbird
import ServerLogging

/// The headers every Kapacitor response carries: `X-Kapacitor-Version` and `Request-Id`.
enum KapacitorHeaders {
    static func middleware<Context: RequestContext>() -> ResponseHeadersMiddleware<Context> {
        ResponseHeadersMiddleware { _, response in
            response.headers[.kapacitorVersion] = TaskService.kapacitorVersion
            response.headers[.requestID] = UUID().uuidString.lowercased()
        }
    }
}

extension HTTPField.Name {
    static let kapacitorVersion = Self("X-Kapacitor-Version")!
    static let requestID = Self("Request-Id")!
}
