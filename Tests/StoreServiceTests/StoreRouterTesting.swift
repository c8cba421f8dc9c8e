import Hummingbird
import HummingbirdTesting
import Storage
import StoreAccess
import StoreService
import SundialTesting

/// Runs `test` against the store's router (in process) over a fresh store holding an empty database `db`.
func withStoreRouter(
    authEnabled: Bool = false, _ test: @Sendable (any TestClientProtocol, StorageEngine, AccessStore) async throws -> Void
) async throws {
    let directory = TemporaryDirectory()
    let engine = try StorageEngine(configuration: .init(directory: directory.path))
    defer { engine.close() }
    try engine.createDatabase("db")
    let access = try AccessStore(directory: directory.path)
    let router = StoreService.makeRouter(engine: engine, access: access, configuration: .init(authEnabled: authEnabled))
    try await Application(router: router).test(.router) { client in try await test(client, engine, access) }
}
