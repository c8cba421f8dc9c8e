public import Alerting
import Foundation
import GRDB

/// The alert outbox's deliveries and dead letters in SQLite (`<data-dir>/outbox.sqlite`), so events not yet sent
/// when the process stops, or is killed, are sent after the restart. Each change is one transaction in WAL mode with
/// full sync: a delivery stored is on disk.
public final class OutboxStore: OutboxPersistence {
    private let database: DatabaseQueue

    /// Opens (creating when missing) `path`; nil: in memory, for tests.
    public init(path: String?) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // In memory (tests) the journal stays in memory; the pragma only answers so.
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        database = try path.map { try DatabaseQueue(path: $0, configuration: configuration) } ?? DatabaseQueue(configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("outbox") { db in
            try db.create(table: "delivery") { table in
                table.autoIncrementedPrimaryKey("number")
                for column in ["route", "alert_id", "last_error"] { table.column(column, .text).notNull() }
                table.column("event", .blob).notNull()
                table.column("attempts", .integer).notNull()
                table.column("first_attempt", .double)
                // Set when the delivery was given up on: a dead letter.
                table.column("failed_at", .double).indexed()
            }
        }
        try migrator.migrate(database)
    }

    public func insert(_ deliveries: [Delivery]) throws -> [Int64] {
        let routes = try deliveries.map { String(decoding: try JSONEncoder().encode($0.route), as: UTF8.self) }
        return try database.write { db in
            try zip(deliveries, routes).map { delivery, route in
                try db.execute(
                    sql: "INSERT INTO delivery (route, alert_id, last_error, event, attempts, first_attempt) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [route, delivery.alertID, delivery.lastError, delivery.event, delivery.attempts, delivery.firstAttempt])
                return db.lastInsertedRowID
            }
        }
    }

    public func delete(_ number: Int64) throws {
        try database.write { db in try db.execute(sql: "DELETE FROM delivery WHERE number = ?", arguments: [number]) }
    }

    public func update(_ delivery: Delivery) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE delivery SET attempts = ?, first_attempt = ?, last_error = ? WHERE number = ?",
                arguments: [delivery.attempts, delivery.firstAttempt, delivery.lastError, delivery.number])
        }
    }

    public func bury(_ deliveries: [Delivery], at time: Double, limit: Int) throws {
        let routes = try deliveries.map { String(decoding: try JSONEncoder().encode($0.route), as: UTF8.self) }
        try database.write { db in
            for (delivery, route) in zip(deliveries, routes) {
                if delivery.number == 0 {
                    try db.execute(
                        sql: """
                            INSERT INTO delivery (route, alert_id, last_error, event, attempts, first_attempt, failed_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            route, delivery.alertID, delivery.lastError, delivery.event, delivery.attempts, delivery.firstAttempt, time,
                        ])
                } else {
                    try db.execute(
                        sql: "UPDATE delivery SET attempts = ?, first_attempt = ?, last_error = ?, failed_at = ? WHERE number = ?",
                        arguments: [delivery.attempts, delivery.firstAttempt, delivery.lastError, time, delivery.number])
                }
            }
            try db.execute(
                sql: """
                    DELETE FROM delivery WHERE failed_at IS NOT NULL AND number NOT IN
                    (SELECT number FROM delivery WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, number DESC LIMIT ?)
                    """,
                arguments: [max(limit, 0)])
        }
    }

    /// Every delivery not yet sent; rows whose route no longer reads (a damaged file) are dropped.
    public func pending() throws -> [Delivery] {
        try database.write { db in
            var deliveries: [Delivery] = []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM delivery WHERE failed_at IS NULL ORDER BY number") {
                if let delivery = Self.delivery(row) {
                    deliveries.append(delivery)
                } else {
                    try db.execute(sql: "DELETE FROM delivery WHERE number = ?", arguments: [row["number"] as Int64])
                }
            }
            return deliveries
        }
    }

    public func deadLetters() throws -> [DeadLetter] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM delivery WHERE failed_at IS NOT NULL ORDER BY failed_at, number").compactMap { row in
                Self.delivery(row).map { DeadLetter(delivery: $0, failedAt: row["failed_at"]) }
            }
        }
    }

    public func clearDeadLetters() throws {
        try database.write { db in try db.execute(sql: "DELETE FROM delivery WHERE failed_at IS NOT NULL") }
    }

    /// A stored row as a delivery; nil when its route no longer reads.
    private static func delivery(_ row: Row) -> Delivery? {
        guard let route = try? JSONDecoder().decode(DeliveryRoute.self, from: Data((row["route"] as String).utf8)) else { return nil }
        return Delivery(
            number: row["number"], route: route, alertID: row["alert_id"], event: row["event"], attempts: row["attempts"],
            firstAttempt: row["first_attempt"], lastError: row["last_error"])
    }
}
