package com.fanops.local.identity;

import java.util.List;

/** A local operator account: one per Cognito group the template declares. */
public record DevUser(String username, String password, List<String> groups) {
}
