public import NIOSSL

/// HTTPS on a listener: the certificate and key (PEM files; the key may sit in the certificate's file, as Kapacitor and
/// InfluxDB allow), and the protocol versions and cipher suites `[tls]` allows.
public struct ListenerTLS: Sendable {
    public var certificatePath: String
    /// Empty: the key is read from the certificate's file.
    public var privateKeyPath: String
    public var minimumVersion: TLSVersion
    public var maximumVersion: TLSVersion?
    /// Empty: BoringSSL's defaults.
    public var cipherSuites: [NIOTLSCipher]

    public init(
        certificatePath: String, privateKeyPath: String = "", minimumVersion: TLSVersion = .tlsv12, maximumVersion: TLSVersion? = nil,
        cipherSuites: [NIOTLSCipher] = []
    ) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.minimumVersion = minimumVersion
        self.maximumVersion = maximumVersion
        self.cipherSuites = cipherSuites
    }

    /// Reads the files; a missing or unreadable one is an error naming it, so the server does not start half-secured.
    public func serverConfiguration() throws(ListenerTLSError) -> TLSConfiguration {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw ListenerTLSError(description: "cannot read the certificate \(certificatePath): \(error)")
        }
        guard !certificates.isEmpty else { throw ListenerTLSError(description: "no certificate in \(certificatePath)") }
        let keyPath = privateKeyPath.isEmpty ? certificatePath : privateKeyPath
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw ListenerTLSError(description: "cannot read the private key \(keyPath): \(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = minimumVersion
        configuration.maximumTLSVersion = maximumVersion
        if !cipherSuites.isEmpty { configuration.cipherSuiteValues = cipherSuites }
        return configuration
    }
}

public struct ListenerTLSError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
