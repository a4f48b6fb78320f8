package com.fanops.rewards.domain;

import java.time.Instant;

/** Published once when a code pool's available codes fall below its alert threshold (again after a restock lifts it). */
public record CodePoolLow(String poolId, long available, long threshold, Instant at) {
}
