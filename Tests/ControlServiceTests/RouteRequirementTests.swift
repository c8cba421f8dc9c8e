import HTTPTypes
import Testing

@testable import ControlService

@Suite struct RouteRequirementTests {
    private func requirement(_ method: HTTPRequest.Method, _ path: String) -> RouteRequirement {
        RouteRequirement.of(method, path.split(separator: "/"))
    }

    /// Chronograf 1.10's minimum roles; anything not listed needs a super admin.
    @Test func eachRouteNeedsChronografsRole() {
        #expect(requirement(.get, "me") == .session)
        #expect(requirement(.get, "env") == .role(.member))
        #expect(requirement(.get, "sources") == .role(.reader))
        #expect(requirement(.post, "sources") == .role(.editor))
        #expect(requirement(.post, "sources/1/proxy") == .role(.reader))
        #expect(requirement(.post, "sources/1/write") == .role(.viewer))
        #expect(requirement(.get, "sources/1/kapacitors") == .role(.viewer))
        #expect(requirement(.delete, "sources/1/kapacitors/2") == .role(.editor))
        #expect(requirement(.get, "sources/1/users") == .role(.admin))
        #expect(requirement(.get, "organizations") == .role(.admin))
        #expect(requirement(.post, "organizations") == .superAdmin)
        #expect(requirement(.patch, "organizations/1/users/3") == .organizationAdmin("1"))
        #expect(requirement(.get, "users") == .superAdmin)
        #expect(requirement(.put, "config/auth") == .superAdmin)
        #expect(requirement(.get, "mappings") == .superAdmin)
        #expect(requirement(.get, "anything-new") == .superAdmin)
        #expect(ControlRole.viewer > .reader && ControlRole.member < .reader)
    }
}
