package com.fanops.platform.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.platform.http.ApiRequest;
import com.fanops.testing.ApiEvents;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void ipv4IsTheAddressAndIpv6ItsSlash64() {
        assertEquals("203.0.113.7", ClientAddress.key("203.0.113.7"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", ClientAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(ClientAddress.key("2001:db8:1:2::1"), ClientAddress.key("2001:db8:1:2:ffff::9"));
        assertEquals("203.0.113.7", ClientAddress.key("::ffff:203.0.113.7"));
    }

    @Test
    void anythingElseIsUnknownAndNeverLookedUp() {
        for (String odd : new String[] {null, "", "example.com", "localhost", "999.1.1.1", "1.2.3", "::g", "a".repeat(100)}) {
            assertEquals("unknown", ClientAddress.key(odd), String.valueOf(odd));
        }
    }

    @Test
    void theViewerAddressCountsOnlyWithTheEdgeSecret() {
        ApiEvents viaEdge = ApiEvents.request("POST", "/v1/members").sourceIp("130.176.1.1")
                .header("cloudfront-viewer-address", "198.51.100.9:46532").header("x-origin-verify", "s3cret");
        assertEquals("198.51.100.9", ClientAddress.of(new ApiRequest(viaEdge.build()), "s3cret"));
        assertEquals("130.176.1.1", ClientAddress.of(new ApiRequest(viaEdge.build()), "other"));
        assertEquals("130.176.1.1", ClientAddress.of(new ApiRequest(viaEdge.build()), ""));
        ApiEvents forged = ApiEvents.request("POST", "/v1/members").sourceIp("203.0.113.50")
                .header("cloudfront-viewer-address", "198.51.100.9:1");
        assertEquals("203.0.113.50", ClientAddress.of(new ApiRequest(forged.build()), "s3cret"));
        ApiEvents v6 = ApiEvents.request("POST", "/v1/members").sourceIp("130.176.1.1")
                .header("cloudfront-viewer-address", "2001:db8:0:7:1:2:3:4:443").header("x-origin-verify", "s3cret");
        assertEquals("2001:db8:0:7:0:0:0:0/64", ClientAddress.of(new ApiRequest(v6.build()), "s3cret"));
    }
}
