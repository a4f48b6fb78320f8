package com.fanops.local.bench;

import com.fanops.local.stack.LocalCloud;
import com.fanops.local.identity.DevUser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The benchmarks' calls to the local API: a dev user's sign-in, and a call that must answer a given status. */
final class BenchApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rows a member import call carries: a 5,000-row import ran past the API's timeout on a loaded machine. */
    private static final int IMPORT_ROWS = 250;

    private BenchApi() {
    }

    /** The ID token of the first dev user in the admin group. */
    static String signIn(LocalCloud cloud, HttpClient http) throws Exception {
        return signIn(cloud, http, "admin");
    }

    /** The ID token of the first dev user in {@code group} (USER_PASSWORD_AUTH against the local identity provider). */
    static String signIn(LocalCloud cloud, HttpClient http, String group) throws Exception {
        DevUser user = cloud.devUsers().stream().filter(u -> u.groups().contains(group)).findFirst().orElseThrow();
        String clientId = cloud.names().ref(cloud.template().ofType("AWS::Cognito::UserPoolClient").get(0));
        String body = "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"" + clientId + "\",\"AuthParameters\":{\"USERNAME\":\""
                + user.username() + "\",\"PASSWORD\":\"" + user.password() + "\"}}";
        return JSON.readTree(send(http, HttpRequest.newBuilder(cloud.endpoints().get("cognito")).header("content-type", "application/x-amz-json-1.1")
                .header("x-amz-target", "AWSCognitoIdentityProviderService.InitiateAuth").POST(HttpRequest.BodyPublishers.ofString(body)).build(), 200))
                .path("AuthenticationResult").path("IdToken").asText();
    }

    /** Sends the request, backing off on the API's throttling (429) as a channel would; any other answer than {@code expected} fails. */
    static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429 && attempt < 50) {
                Thread.sleep(100L * (attempt + 1)); // the API's throttling: back off as a channel would
                continue;
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }

    /** Imports {@code members} members (membership consent to the notice in force) and returns their ids. */
    static List<String> importMembers(HttpClient http, URI api, String token, int members) throws Exception {
        JsonNode notices = JSON.readTree(send(http, HttpRequest.newBuilder(api.resolve("/v1/notices")).build(), 200));
        int membership = notices.path("notices").get(0).path("version").asInt();
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < members; from += IMPORT_ROWS) {
            StringBuilder rows = new StringBuilder();
            for (int i = from; i < Math.min(members, from + IMPORT_ROWS); i++) {
                rows.append("{\"nickname\":\"Fan ").append(i).append("\",\"phone\":\"13").append(String.format("%09d", i))
                        .append("\",\"region\":\"Shanghai\",\"channel\":\"wechat\",\"joinedAt\":\"2026-01-01T00:00:00Z\",\"evidence\":\"benchmark\","
                                + "\"consents\":[{\"purpose\":\"membership\",\"noticeVersion\":").append(membership)
                        .append(",\"at\":\"2026-01-01T00:00:00Z\"}]}\n");
            }
            JsonNode result = JSON.readTree(send(http, HttpRequest.newBuilder(api.resolve("/v1/admin/members/import"))
                    .header("authorization", "Bearer " + token).header("content-type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(rows.toString())).build(), 200));
            result.path("rows").forEach(r -> {
                if (r.hasNonNull("memberId")) {
                    ids.add(r.path("memberId").asText());
                }
            });
        }
        return ids;
    }
}
