import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// Lets a request through only when it is for this server, from this server's page, with the
/// run's token: a `Host` of 127.0.0.1 or localhost on the bound port (refusing DNS rebinding), an
/// `Origin` (when sent) of the same (refusing cross-site requests), and the token as the
/// `venice_studio` cookie or the `X-Studio-Token` header.
///
/// The one exception is `GET /?token=…`, the address printed at start: with the right token it
/// sets the cookie and redirects to `/`, so the token leaves the address bar.
struct StudioGuard<Context: RequestContext>: RouterMiddleware {
    /// The name of the cookie that carries the token.
    static var cookieName: String { "venice_studio" }
    /// The header that may carry the token instead.
    static var headerName: HTTPField.Name { .studioToken }

    let token: StudioToken
    /// The bound port (0 until the server listens: then every request is refused).
    let port: NIOLockedValueBox<Int>

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let port = self.port.withLockedValue { $0 }
        let hosts = ["127.0.0.1:\(port)", "localhost:\(port)"]
        guard port > 0, let host = request.head.authority?.lowercased(), hosts.contains(host) else {
            return Self.refusal(.misdirectedRequest, "this server answers only to http://127.0.0.1:\(port)")
        }
        if let origin = request.headers[.origin]?.lowercased(), !hosts.contains(where: { origin == "http://" + $0 }) {
            return Self.refusal(.forbidden, "requests from other sites are refused")
        }
        if let site = request.headers[.secFetchSite]?.lowercased(), !["same-origin", "none"].contains(site) {
            return Self.refusal(.forbidden, "requests from other sites are refused")
        }
        if request.method == .get, request.uri.path == "/", let offered = request.uri.queryParameters.get("token") {
            guard token.matches(offered) else { return Self.refusal(.forbidden, "wrong token") }
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(Cookie(name: Self.cookieName, value: token.value, path: "/", httpOnly: true, sameSite: .strict))
            return Self.hardened(response)
        }
        let presented = request.headers[Self.headerName] ?? request.cookies[Self.cookieName]?.value
        guard token.matches(presented) else {
            return Self.refusal(.forbidden, "open the address venice-edit studio printed (it carries this run's token)")
        }
        return Self.hardened(try await next(request, context))
    }

    /// A plain-text refusal.
    static func refusal(_ status: HTTPResponse.Status, _ text: String) -> Response {
        hardened(Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                          body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n"))))
    }

    /// Adds the headers that keep the page to itself: no caching, no framing, no sniffing, no
    /// referrer, and scripts, styles and images from this server only.
    static func hardened(_ response: Response) -> Response {
        var response = response
        response.headers[.cacheControl] = "no-store"
        response.headers[.contentTypeOptions] = "nosniff"
        response.headers[.frameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        return response
    }
}

extension HTTPField.Name {
    // literal names, valid by construction
    static let studioToken = HTTPField.Name("X-Studio-Token")!
    static let studioFileName = HTTPField.Name("X-File-Name")!
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
}
