import Foundation
import Hummingbird
import PipelineRuntime

/// `GET /kapacitor/v1/debug/vars`: Kapacitor's expvar document, what Telegraf's `inputs.kapacitor` and
/// `kapacitor stats general` read — server identity, task counts, uptime, and under `kapacitor` one entry per running
/// node (`name: "nodes"`, tags task/node/type/kind, its counters) plus the points received (`name: "ingress"`).
struct DebugRoutes {
    let store: TaskStore
    let runner: TaskRunner

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("debug/vars") { _, _ in try TaskRoutes.json(try vars()) }
        return routes
    }

    private func vars() throws -> [String: Any] {
        let tasks = try store.tasks()
        var entries: [String: Any] = [
            "ingress": [
                "name": "ingress", "tags": ["host": runner.hostname, "task_master": "main"],
                "values": ["points_received": runner.router.pointsReceived],
            ]
        ]
        for (id, task) in runner.running {
            let type = tasks.first { $0.id == id }?.type ?? ""
            for node in task.statistics.nodes {
                let kind = node.name.prefix { !$0.isNumber }
                entries["\(id):\(node.name)"] = [
                    "name": "nodes", "tags": ["host": runner.hostname, "task": id, "node": node.name, "type": type, "kind": String(kind)],
                    "values": Dictionary(uniqueKeysWithValues: node.fields),
                ]
            }
        }
        return [
            "cluster_id": runner.clusterID, "server_id": runner.clusterID, "host": runner.hostname, "product": "kapacitor",
            "version": TaskService.kapacitorVersion, "platform": "OSS", "num_tasks": tasks.count,
            "num_enabled_tasks": tasks.filter { $0.status == "enabled" }.count, "num_subscriptions": 0,
            "uptime": Date().timeIntervalSince(runner.started), "kapacitor": entries,
        ]
    }
}
