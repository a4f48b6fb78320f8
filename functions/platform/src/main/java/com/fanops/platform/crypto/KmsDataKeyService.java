package com.fanops.platform.crypto;

import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;

/** Envelope encryption with a KMS key: data keys are generated and unwrapped by KMS, bound to their purpose. */
public final class KmsDataKeyService implements DataKeyService {

    private final KmsClient kms;
    private final String keyId;

    public KmsDataKeyService(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public DataKey generate(String purpose) {
        var answer = kms.generateDataKey(b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of("fanops:purpose", purpose)));
        return new DataKey(answer.plaintext().asByteArray(), answer.ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] unwrap(byte[] wrapped, String purpose) {
        return kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                .encryptionContext(Map.of("fanops:purpose", purpose))).plaintext().asByteArray();
    }
}
