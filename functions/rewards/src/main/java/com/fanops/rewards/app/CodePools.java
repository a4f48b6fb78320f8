package com.fanops.rewards.app;

import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.rewards.domain.CodeFile;
import com.fanops.rewards.domain.CodePattern;
import com.fanops.rewards.domain.CodePool;
import com.fanops.rewards.domain.CodePoolLow;
import com.fanops.rewards.domain.RewardIds;
import com.fanops.rewards.store.CodePoolStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Coupon code pools: create, upload (CSV, duplicates and malformed rows refused with nothing written), generate (refusing a
 * count the pattern cannot produce), burn a leaked code, and the stock alert once a pool falls below its threshold.
 */
public final class CodePools {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CodePoolStore pools;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public CodePools(CodePoolStore pools, EventOutbox outbox, AuditLog audit, Clock clock) {
        this.pools = pools;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public CodePool create(String actor, String poolId, String name, Long threshold) {
        List<FieldError> errors = new ArrayList<>();
        if (poolId == null || !RewardIds.SLUG.matcher(poolId).matches()) {
            errors.add(new FieldError("poolId", "2-48 of a-z, 0-9 and -, starting with a letter or digit"));
        }
        String clean = com.fanops.platform.input.Text.line(errors, "name", name, 80, true);
        if (threshold != null && (threshold < 0 || threshold > 1_000_000)) {
            errors.add(new FieldError("threshold", "from 0 to 1000000"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (!pools.create(poolId, clean, threshold == null ? 0 : threshold, actor, clock.instant())) {
            throw ProblemException.conflict("pool-exists", "Code pool exists", "A code pool " + poolId + " exists already.");
        }
        audit.record(actor, "rewards.pool.create", poolId, null);
        return pools.get(poolId).orElseThrow();
    }

    public CodePool get(String poolId) {
        return pools.get(poolId).orElseThrow(() -> ProblemException.notFound("Code pool " + poolId));
    }

    public List<CodePool> list() {
        return pools.list();
    }

    /** Adds the codes of a CSV file; any malformed row, duplicate in the file or code already in the pool refuses the whole file. */
    public CodePool upload(String actor, String poolId, String csv) {
        get(poolId);
        CodeFile.Parsed parsed = CodeFile.parse(csv);
        if (!parsed.errors().isEmpty()) {
            throw ProblemException.validation(parsed.errors().stream().limit(100).toList());
        }
        Set<String> existing = pools.existing(poolId, parsed.codes());
        if (!existing.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < parsed.codes().size() && errors.size() < 100; i++) {
                if (existing.contains(parsed.codes().get(i))) {
                    errors.add(new FieldError("file.code[" + i + "]", "is already in the pool"));
                }
            }
            throw ProblemException.validation(errors);
        }
        int added = pools.add(poolId, parsed.codes(), clock.instant());
        audit.record(actor, "rewards.pool.upload", poolId, added + " codes");
        if (added < parsed.codes().size()) {
            throw ProblemException.conflict("codes-changed", "Codes added meanwhile", added + " of " + parsed.codes().size()
                    + " codes were added; another upload added some of the others meanwhile. Upload the rest again.");
        }
        return get(poolId);
    }

    /** Generates {@code count} new codes of the pattern, none already in the pool. */
    public CodePool generate(String actor, String poolId, CodePattern pattern, Integer count) {
        get(poolId);
        List<FieldError> errors = pattern.validate(count);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Set<String> exclude = new HashSet<>();
        List<String> fresh = new ArrayList<>();
        for (int round = 0; round < 5 && fresh.size() < count; round++) {
            List<String> drawn = pattern.generate(count - fresh.size(), exclude, RANDOM);
            Set<String> taken = pools.existing(poolId, drawn);
            for (String code : drawn) {
                exclude.add(code);
                if (!taken.contains(code)) {
                    fresh.add(code);
                }
            }
            exclude.addAll(fresh);
        }
        if (fresh.size() < count) {
            throw ProblemException.invalidField("count", "the pool already holds most codes this pattern can produce");
        }
        int added = pools.add(poolId, fresh, clock.instant());
        audit.record(actor, "rewards.pool.generate", poolId, added + " codes");
        return get(poolId);
    }

    public void burn(String actor, String poolId, String code, String reason) {
        get(poolId);
        switch (pools.burn(poolId, code, clock.instant())) {
            case BURNED -> audit.record(actor, "rewards.pool.burn", poolId, reason);
            case ALREADY_BURNED -> {
            }
            case UNKNOWN -> throw ProblemException.notFound("Code in pool " + poolId);
            case ASSIGNED -> throw ProblemException.conflict("code-assigned", "Code assigned",
                    "The code is assigned to a member; revoke that issuance instead.");
        }
    }

    /** Publishes CodePoolLow once when the pool is below its threshold. */
    public void alertIfLow(String poolId) {
        pools.get(poolId).filter(CodePool::low).ifPresent(p -> {
            EventOutbox.Staged event = outbox.stage(IssuanceService.SOURCE, new CodePoolLow(poolId, p.available(), p.threshold(), clock.instant()));
            if (pools.markAlerted(poolId, outbox.write(event))) {
                outbox.flush(List.of(event));
            }
        });
    }
}
