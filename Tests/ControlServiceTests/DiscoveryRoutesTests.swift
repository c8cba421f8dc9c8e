import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ControlService

@Suite struct DiscoveryRoutesTests {
    @Test(arguments: ["/chronograf/v1", "/chronograf/v1/"])
    func discoveryListsChronografsLinks(_ path: String) async throws {
        let app = Application(router: try ControlService.makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.init("X-Chronograf-Version")!] == ControlService.chronografVersion)
                let body = String(buffer: response.body)
                #expect(!body.contains("\\/"), "Go does not escape slashes")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                #expect(json["sources"] as? String == "/chronograf/v1/sources")
                #expect(json["users"] as? String == "/chronograf/v1/organizations/default/users")
                #expect(json["me"] as? String == "/chronograf/v1/me")
                #expect(json["environment"] as? String == "/chronograf/v1/env")
                #expect((json["auth"] as? [Any])?.isEmpty == true)
                #expect((json["config"] as? [String: String])?["self"] == "/chronograf/v1/config")
                #expect((json["flux"] as? [String: String])?["ast"] == "/chronograf/v1/flux/ast")
                #expect(json["validateTextTemplates"] as? String == "chronograf/v1/validate_text_templates")
                #expect((json["external"] as? [String: Any])?["custom"] == nil)
            }
        }
    }

    @Test func pingIsOK() async throws {
        let app = Application(router: try ControlService.makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/ping", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
