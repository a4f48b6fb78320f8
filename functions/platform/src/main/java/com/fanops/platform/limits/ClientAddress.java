package com.fanops.platform.limits;

import com.fanops.platform.http.ApiRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Who a request comes from, as a rate-limit subject: the HTTP API's {@code requestContext.http.sourceIp} (API Gateway
 * sets it from the TCP connection; a client cannot forge it), an IPv4 address as it is and an IPv6 address as its /64
 * (one subscriber usually holds a whole /64, so per-address limits would be free to dodge). Behind the optional
 * CloudFront front (template parameter {@code EdgeProtection}) the source is CloudFront itself; then the viewer's
 * address is taken from {@code CloudFront-Viewer-Address}, but only when the request also carries the origin secret
 * CloudFront adds ({@code X-Origin-Verify}), so nobody can pick their own address by sending that header directly.
 */
public final class ClientAddress {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    /** The request's client as a limit subject (still in clear: hash it before storing). */
    public static String of(ApiRequest request, String edgeSecret) {
        String viewer = request.header("cloudfront-viewer-address");
        if (edgeSecret != null && !edgeSecret.isEmpty() && viewer != null && sameSecret(edgeSecret, request.header("x-origin-verify"))) {
            int port = viewer.lastIndexOf(':');
            return key(port > 0 ? viewer.substring(0, port) : viewer);
        }
        return key(request.sourceIp());
    }

    /** IPv4 as is, IPv6 as its /64 prefix, anything unreadable as {@code unknown}. */
    public static String key(String ip) {
        if (ip == null) {
            return "unknown";
        }
        if (V4.matcher(ip).matches()) {
            return literal(ip).map(a -> a.getHostAddress()).orElse("unknown");
        }
        if (!V6.matcher(ip).matches() || ip.indexOf(':') < 0) {
            return "unknown";
        }
        return literal(ip).map(a -> {
            byte[] bytes = a.getAddress();
            if (bytes.length == 4) {
                return a.getHostAddress();
            }
            byte[] prefix = Arrays.copyOf(Arrays.copyOf(bytes, 8), 16);
            return literal(prefix).getHostAddress() + "/64";
        }).orElse("unknown");
    }

    /** Only called on text that is an address literal, so no name is ever looked up. */
    private static java.util.Optional<InetAddress> literal(String ip) {
        try {
            return java.util.Optional.of(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameSecret(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
