import Logging
import NIOCore
import NIOPosix
import SundialConfig

/// `.snmpTrap(trapOid)`: an SNMPv2c trap over UDP to `[snmptrap] addr` as Kapacitor's service sends it, with the data
/// entries `.data(oid, type, value)` (values are templates) as varbinds of type `c` Counter64, `i` Integer, `n` Null,
/// `s` OctetString or `t` TimeTicks. Traps are not acknowledged: a sent datagram is a delivery.
struct SNMPTrapHandler: SendingHandler {
    let failureText = "snmptrap handler: failed to handle event"
    var section: SNMPTrapSection { services.configuration.snmpTrap }
    let trapOID: String
    let entries: [(oid: String, type: String, value: AlertTemplate)]
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        trapOID = options.string("trap-oid") ?? ""
        var entries: [(String, String, AlertTemplate)] = []
        do {
            // Topic options: `data-list` of objects; TICKscript: `.data(oid, type, value)`, repeated, as a flat list.
            for entry in Self.dataList(options) { entries.append((entry.oid, entry.type, try AlertTemplate(entry.value))) }
            if case .list(let flat)? = options["data"] {
                for index in stride(from: 0, to: flat.count - 2, by: 3) {
                    guard case .string(let oid) = flat[index], case .string(let type) = flat[index + 1] else { continue }
                    let value: String = if case .string(let text) = flat[index + 2] { text } else { "" }
                    entries.append((oid, type, try AlertTemplate(value)))
                }
            }
        } catch {
            throw HandlerRefusal("failed to parse SNMP trap data template: \(error)")
        }
        self.entries = entries
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        let data = event.templateData
        var rendered: [(String, String, String)] = []
        for entry in entries {
            do {
                rendered.append((entry.oid, entry.type, try entry.value.render(data)))
            } catch {
                throw HandlerRefusal("failed to evaluate SNMP trap data template: \(error)", isPermanent: true)
            }
        }
        try await send(trapOID: trapOID, data: rendered)
    }

    /// Sends a trap with data whose values are already final (the service test's).
    func send(trapOID: String, data: [(oid: String, type: String, value: String)]) async throws(HandlerRefusal) {
        let section = section
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        guard let oid = SNMPTrap.parseOID(trapOID) else { throw HandlerRefusal("invalid trap Oid \"\(trapOID)\"", isPermanent: true) }
        var varbinds: [(oid: [UInt64], value: SNMPTrap.Value)] = []
        for entry in data {
            guard let dataOID = SNMPTrap.parseOID(entry.oid) else {
                throw HandlerRefusal("invalid data Oid \"\(entry.oid)\"", isPermanent: true)
            }
            varbinds.append((dataOID, try Self.value(type: entry.type, text: entry.value)))
        }
        let trap = SNMPTrap(community: section.community, trapOID: oid, data: varbinds)
        do {
            let exchange = try TCPExchange(address: section.address)
            let target = try SocketAddress.makeAddressResolvingHost(exchange.host, port: exchange.port)
            let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(host: target.protocol == .inet6 ? "::" : "0.0.0.0", port: 0).get()
            defer { channel.close(promise: nil) }
            try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: ByteBuffer(bytes: trap.bytes)))
        } catch let refusal as HandlerRefusal {
            throw refusal
        } catch {
            throw HandlerRefusal("failed to send SNMP trap: \(error)")
        }
    }

    /// A topic handler's `data-list`: objects with `oid`, `type` and `value`.
    static func dataList(_ options: HandlerOptions) -> [(oid: String, type: String, value: String)] {
        guard case .list(let list)? = options["data-list"] else { return [] }
        return list.compactMap { item in
            guard case .object(let entry) = item, case .string(let oid)? = entry["oid"], case .string(let type)? = entry["type"] else {
                return nil
            }
            let value: String = if case .string(let text)? = entry["value"] { text } else { "" }
            return (oid, type, value)
        }
    }

    /// A data entry's value as its type says, with Kapacitor's texts for the types it does not send.
    static func value(type: String, text: String) throws(HandlerRefusal) -> SNMPTrap.Value {
        func number() throws(HandlerRefusal) -> Int64 {
            guard let number = Int64(text) else {
                throw HandlerRefusal("strconv.ParseInt: parsing \"\(text)\": invalid syntax", isPermanent: true)
            }
            return number
        }
        switch type {
        case "c": return .counter64(UInt64(bitPattern: try number()))
        case "i": return .integer(Int64(Int32(truncatingIfNeeded: try number())))
        case "n": return .null
        case "s": return .octetString(Array(text.utf8))
        case "t": return .timeTicks(UInt32(truncatingIfNeeded: try number()))
        case "a": throw HandlerRefusal("Snmptrap Datatype 'IP address' not supported", isPermanent: true)
        case "d": throw HandlerRefusal("Snmptrap Datatype 'Decimal string' not supported", isPermanent: true)
        case "o": throw HandlerRefusal("Snmptrap Datatype 'Object ID' not supported", isPermanent: true)
        case "u": throw HandlerRefusal("Snmptrap Datatype 'Unsigned integer' not supported", isPermanent: true)
        case "x": throw HandlerRefusal("Snmptrap Datatype 'Hexadecimal string' not supported", isPermanent: true)
        default: throw HandlerRefusal("Snmptrap Datatype not known: \(type)", isPermanent: true)
        }
    }
}

extension SNMPTrapHandler {
    static let kind = HandlerKind(
        "snmptrap", property: "snmpTrap", arguments: ["trap-oid"],
        test: ServiceTest(
            name: "snmptrap",
            defaults: { _ in
                [
                    ("trap-oid", .string("1.1.1.1")),
                    (
                        "data-list",
                        .list([.object(["oid": .string("1.1.1.1.2"), "type": .string("s"), "value": .string("test snmptrap message")])])
                    ),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                try await SNMPTrapHandler(options: HandlerOptions(), services: services, logger: logger)
                    .send(trapOID: options.string("trap-oid") ?? "", data: SNMPTrapHandler.dataList(options))
            }),
        make: { options, services, logger throws(HandlerRefusal) in
            try SNMPTrapHandler(options: options, services: services, logger: logger)
        })
}
