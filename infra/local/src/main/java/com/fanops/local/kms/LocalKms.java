package com.fanops.local.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A KMS stand-in speaking KMS's protocol (AWS JSON 1.1, {@code TrentService.*}) so a function's KmsClient
 * works unchanged. Master keys live in a local key file (created on first use, mode 600); wrapping is
 * AES-256-GCM from the JDK. Ciphertext blobs carry their key id, so Decrypt needs none, as in KMS.
 */
public final class LocalKms implements AutoCloseable {

    static {
        // Read once by the JDK HttpServer's first use: without it every small response waits ~40 ms (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte VERSION = 1;

    private final Path keyFile;
    private final String region;
    private final String account;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-kms");
        t.setDaemon(true);
        return t;
    });
    private HttpServer server;

    public LocalKms(Path keyFile, String region, String accountId) throws IOException {
        this.keyFile = keyFile;
        this.region = region;
        this.account = accountId;
        if (Files.exists(keyFile)) {
            JSON.readTree(keyFile.toFile()).fields()
                    .forEachRemaining(e -> keys.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
        }
    }

    public void start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 32);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            try {
                ObjectNode answer = switch (target) {
                    case "TrentService.GenerateDataKey" -> generateDataKey(request);
                    case "TrentService.Encrypt" -> encrypt(request);
                    case "TrentService.Decrypt" -> decrypt(request);
                    case "TrentService.DescribeKey" -> describe(request);
                    default -> throw new KmsError("UnsupportedOperationException", target + " is not supported locally");
                };
                reply(exchange, 200, answer);
            } catch (KmsError e) {
                reply(exchange, 400, JSON.createObjectNode().put("__type", e.type).put("message", e.getMessage()));
            } catch (RuntimeException e) {
                System.err.println("[local] KMS stand-in failed: " + e);
                reply(exchange, 500, JSON.createObjectNode().put("__type", "KMSInternalException").put("message", String.valueOf(e)));
            }
        }
    }

    private ObjectNode generateDataKey(JsonNode r) {
        String keyId = keyId(r.path("KeyId").asText());
        int bytes = r.has("NumberOfBytes") ? r.get("NumberOfBytes").asInt()
                : "AES_128".equals(r.path("KeySpec").asText()) ? 16 : 32;
        if (bytes < 1 || bytes > 1024) {
            throw new KmsError("ValidationException", "NumberOfBytes must be between 1 and 1024");
        }
        byte[] plaintext = new byte[bytes];
        random.nextBytes(plaintext);
        return JSON.createObjectNode().put("KeyId", arn(keyId))
                .put("Plaintext", Base64.getEncoder().encodeToString(plaintext))
                .put("CiphertextBlob", Base64.getEncoder().encodeToString(wrap(keyId, plaintext, context(r))));
    }

    private ObjectNode encrypt(JsonNode r) {
        String keyId = keyId(r.path("KeyId").asText());
        byte[] plaintext = Base64.getDecoder().decode(r.path("Plaintext").asText());
        return JSON.createObjectNode().put("KeyId", arn(keyId))
                .put("CiphertextBlob", Base64.getEncoder().encodeToString(wrap(keyId, plaintext, context(r))));
    }

    private ObjectNode decrypt(JsonNode r) {
        byte[] blob = Base64.getDecoder().decode(r.path("CiphertextBlob").asText());
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(blob))) {
            if (in.readByte() != VERSION) {
                throw new KmsError("InvalidCiphertextException", "");
            }
            String keyId = in.readUTF();
            byte[] iv = in.readNBytes(12);
            byte[] sealed = in.readAllBytes();
            byte[] master = keys.get(keyId);
            if (master == null) {
                throw new KmsError("InvalidCiphertextException", "");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(master, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(context(r));
            byte[] plaintext = cipher.doFinal(sealed);
            return JSON.createObjectNode().put("KeyId", arn(keyId)).put("Plaintext", Base64.getEncoder().encodeToString(plaintext))
                    .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        } catch (IOException | GeneralSecurityException e) {
            throw new KmsError("InvalidCiphertextException", "");
        }
    }

    private ObjectNode describe(JsonNode r) {
        String keyId = keyId(r.path("KeyId").asText());
        ObjectNode out = JSON.createObjectNode();
        out.putObject("KeyMetadata").put("KeyId", keyId).put("Arn", arn(keyId)).put("Enabled", true).put("KeyState", "Enabled")
                .put("KeyUsage", "ENCRYPT_DECRYPT").put("KeySpec", "SYMMETRIC_DEFAULT").put("AWSAccountId", account);
        return out;
    }

    private byte[] wrap(String keyId, byte[] plaintext, byte[] aad) {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(master(keyId), "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                out.writeUTF(keyId);
                out.write(iv);
                out.write(sealed);
            }
            return bytes.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The encryption context, canonically ordered, is authenticated with the data as KMS does. */
    private static byte[] context(JsonNode r) {
        Map<String, String> sorted = new TreeMap<>();
        r.path("EncryptionContext").fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        return sorted.toString().getBytes(StandardCharsets.UTF_8);
    }

    private synchronized byte[] master(String keyId) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            key = new byte[32];
            random.nextBytes(key);
            keys.put(keyId, key);
            save();
        }
        return key;
    }

    private void save() {
        try {
            ObjectNode out = JSON.createObjectNode();
            keys.forEach((id, key) -> out.put(id, Base64.getEncoder().encodeToString(key)));
            Files.createDirectories(keyFile.getParent());
            Path temp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(out));
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(temp, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + keyFile, e);
        }
    }

    private static String keyId(String keyIdOrArn) {
        if (keyIdOrArn == null || keyIdOrArn.isBlank()) {
            throw new KmsError("ValidationException", "KeyId is required");
        }
        int slash = keyIdOrArn.lastIndexOf("key/");
        String id = slash >= 0 ? keyIdOrArn.substring(slash + 4) : keyIdOrArn;
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new KmsError("NotFoundException", "Key '" + keyIdOrArn + "' does not exist");
        }
    }

    private String arn(String keyId) {
        return "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("content-type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
    }

    private static final class KmsError extends RuntimeException {
        final String type;

        KmsError(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }
}
