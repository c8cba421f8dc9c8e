import Alerting
import DataDirectory
import Foundation
import NIOSSL
import QueryEngine
import ServerLogging
import SundialConfig
import TaskService

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
        ListenerOptions(
            idleTimeoutNanoseconds: idleTimeout.nanoseconds, maxConnections: maxConnectionLimit, tls: tls,
            requestReadTimeoutNanoseconds: requestReadTimeout.nanoseconds)
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

extension SundialConfiguration {
    /// The tasks service's own URL, as alert handlers name it (PagerDuty's `client_url`): `[global] hostname` and
    /// the tasks port.
    var tasksURL: String {
        "\(http.httpsEnabled ? "https" : "http")://\(global.hostname):\(http.bindAddress.port)"
    }

    /// HTTPS for each listener that has it on, with `[tls]`'s versions and ciphers.
    var storeTLS: ListenerTLS? {
        store.httpsEnabled ? tls.listener(certificate: store.httpsCertificate, key: store.httpsPrivateKey) : nil
    }

    var tasksTLS: ListenerTLS? {
        http.httpsEnabled ? tls.listener(certificate: http.httpsCertificate, key: http.httpsPrivateKey) : nil
    }

    var controlTLS: ListenerTLS? {
        control.certificate.isEmpty ? nil : tls.listener(certificate: control.certificate, key: control.privateKey)
    }

    /// `[http] auth-enabled` and `shared-secret`, `[auth]`, and the token subscriptions sign in with.
    func taskAuthSettings(subscriptionToken: String?) -> TaskAuthSettings {
        TaskAuthSettings(
            isEnabled: http.authEnabled, hasUsers: auth.enabled, sharedSecret: http.sharedSecret,
            bcryptCost: UInt8(clamping: auth.bcryptCost),
            cacheExpiration: .nanoseconds(auth.cacheExpiration.nanoseconds), subscriptionToken: subscriptionToken)
    }
}

extension TaskSection {
    /// `alert-log-directories`, or `<data-dir>/alert-logs` (made here) when none is configured; as absolute paths.
    func alertLogPolicy(dataDirectory: DataDirectory) throws -> LogFilePolicy {
        var directories = alertLogDirectories
        if directories.isEmpty {
            let own = dataDirectory.path(of: "alert-logs")
            try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            directories = [own]
        }
        return LogFilePolicy(directories: directories.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    }
}

extension AlertDeliverySection {
    var policy: DeliveryPolicy {
        DeliveryPolicy(
            attemptTimeout: .nanoseconds(timeout.nanoseconds), retryInterval: .nanoseconds(retryInterval.nanoseconds),
            retryMaxInterval: .nanoseconds(retryMaxInterval.nanoseconds), retryFor: .nanoseconds(retryFor.nanoseconds),
            pendingLimit: pendingLimit, deadLetterLimit: deadLetterLimit)
    }
}
