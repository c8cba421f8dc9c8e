import NIOSSL
import QueryEngine
import ServerLogging
import SundialConfig

extension StoreSection {
    /// The query limits of `[store]`, for every query on the embedded store: `/query` and the tasks' batch queries.
    var queryLimits: QueryLimits {
        QueryLimits(
            timeout: queryTimeout.nanoseconds, maxConcurrentQueries: maxConcurrentQueries, maxSelectPoints: maxSelectPoint,
            maxSelectSeries: maxSelectSeries, maxSelectBuckets: maxSelectBuckets)
    }
}

extension ListenerSettings {
    /// `idle-timeout` and `max-connection-limit` as the services' HTTP servers take them, with HTTPS when `tls` is set.
    func options(tls: ListenerTLS? = nil) -> ListenerOptions {
        ListenerOptions(idleTimeoutNanoseconds: idleTimeout.nanoseconds, maxConnections: maxConnectionLimit, tls: tls)
    }
}

extension TLSSection {
    /// HTTPS with `certificate` and `key` (empty: in the certificate's file), with `[tls]`'s versions and ciphers.
    func listener(certificate: String, key: String) -> ListenerTLS {
        let versions: [String: TLSVersion] = ["tls1.0": .tlsv1, "tls1.1": .tlsv11, "tls1.2": .tlsv12, "tls1.3": .tlsv13]
        let ciphers = ciphers.compactMap { name in TLSCipherNames.codes[name].map(NIOTLSCipher.init(rawValue:)) }
        return ListenerTLS(
            certificatePath: certificate, privateKeyPath: key, minimumVersion: versions[minVersion] ?? .tlsv12,
            maximumVersion: versions[maxVersion], cipherSuites: ciphers)
    }
}
