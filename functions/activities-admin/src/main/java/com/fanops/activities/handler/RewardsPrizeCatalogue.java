package com.fanops.activities.handler;

import com.fanops.activities.app.Activities;
import com.fanops.rewards.domain.Catalogue;
import com.fanops.rewards.domain.CatalogueItem;
import com.fanops.rewards.store.CatalogueStore;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An activity's prizes against the rewards catalogue in force, read when the activity is saved (no cache: an item added
 * a moment ago counts): an item must be in it and not withdrawn ({@code active} false). Whether it can still be given
 * when the ranking comes (stock, budget, its window) is the issuance's to decide then.
 */
final class RewardsPrizeCatalogue implements Activities.PrizeCatalogue {

    private final CatalogueStore catalogue;

    RewardsPrizeCatalogue(CatalogueStore catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Map<String, String> refusals(Collection<String> itemIds) {
        Catalogue current = catalogue.current();
        Map<String, String> out = new LinkedHashMap<>();
        for (String itemId : itemIds) {
            Optional<CatalogueItem> item = current.item(itemId);
            if (item.isEmpty()) {
                out.put(itemId, "no item " + itemId + " in the rewards catalogue");
            } else if (!item.get().active()) {
                out.put(itemId, "the catalogue item " + itemId + " is withdrawn");
            }
        }
        return out;
    }
}
