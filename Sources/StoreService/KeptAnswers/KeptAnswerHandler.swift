import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes
import ServerLogging

/// Answers a `GET /query` whose answer `IndexAnswerCache` holds on the event loop that read it, before it reaches
/// the router; every other request passes on unchanged. Such an answer needs no work, and the router's path (an
/// async task per request, the response handed back through an async writer) was most of what it cost: `SHOW TAG
/// VALUES` in a loop went from ~64 to ~40 µs of server CPU per request (docs/PERFORMANCE.md).
///
/// HTTP/1.1 lets a client send its next request before the previous answer arrives, and answers must keep the
/// requests' order, so a request is answered here only when every request passed on has had its answer.
final class KeptAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let lookup: KeptAnswerLookup
    private let logger: Logger
    /// Requests passed on to the router whose answer has not been written yet.
    private var awaitingAnswers = 0
    /// The rest of a request answered here (its body, its end) is read and dropped.
    private var droppingRequestParts = false
    private var date = HTTPDateText()

    init(lookup: KeptAnswerLookup, logger: Logger) {
        self.lookup = lookup
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let request):
            if awaitingAnswers == 0, let answer = lookup.answer(for: request) {
                droppingRequestParts = true
                write(answer, to: request, context: context)
                return
            }
            awaitingAnswers += 1
        case .body, .end:
            if droppingRequestParts {
                if case .end = part { droppingRequestParts = false }
                return
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { awaitingAnswers -= 1 }
        context.write(data, promise: promise)
    }

    /// The headers in the order the router's path writes them: its own, the store's, then the date.
    private func write(_ answer: IndexAnswerCache.Answer, to request: HTTPRequest, context: ChannelHandlerContext) {
        let started = ContinuousClock.now
        var fields: HTTPFields = [.contentType: answer.contentType, .contentLength: String(answer.body.readableBytes)]
        if answer.gzipped { fields[.contentEncoding] = "gzip" }
        InfluxHeaders.stamp(&fields, request: request.headerFields)
        fields[.date] = date.now()
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(answer.body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        lookup.statistics.countKeptAnswer(bytes: answer.body.readableBytes, duration: ContinuousClock.now - started)
        if logger.logLevel <= .info {
            RequestLogLine.write(
                method: request.method.rawValue, target: request.path ?? "", status: 200, since: started, level: .info,
                logger: logger)
        }
    }
}
