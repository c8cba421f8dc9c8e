import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ServerLogging

@Suite struct RequestLogMiddlewareTests {
    @Test func oneLinePerRequestWithStatusAndNoSecrets() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("req-\(UUID().uuidString).log").path
        let output = try LogOutput.appending(to: path)
        let logger = Logger(label: "store") { label in LineLogHandler(label: label, level: .info, output: output) }
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        router.get("/ping") { _, _ in Response(status: .noContent) }
        router.get("/fail") { _, _ -> Response in throw HTTPError(.badRequest) }
        let app = Application(router: router, logger: logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/ping?u=a&p=hunter2", method: .get) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/fail", method: .get) { #expect($0.status == .badRequest) }
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("hunter2"))
        let requestLines = text.split(separator: "\n").filter { $0.contains(" store: GET ") }
        #expect(requestLines.count == 2)
        #expect(requestLines[0].contains("store: GET /ping?u=a&p=[REDACTED] 204 "))
        #expect(requestLines[1].contains("store: GET /fail 400 "))
    }
}
