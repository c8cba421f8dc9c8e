import HTTPTypes
import Hummingbird
import ServerLogging

/// `X-Chronograf-Version`, which Chronograf puts on every response.
enum ChronografHeaders {
    static func middleware<Context: RequestContext>() -> ResponseHeadersMiddleware<Context> {
        ResponseHeadersMiddleware { _, response in response.headers[.chronografVersion] = ControlService.chronografVersion }
    }
}

extension HTTPField.Name {
    static let chronografVersion = Self("X-Chronograf-Version")!
}
