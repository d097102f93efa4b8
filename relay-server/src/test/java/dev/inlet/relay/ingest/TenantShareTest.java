package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.BudgetStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One node's share of a tenant's budget: spent from memory, leased once per chunk, never per request. */
class TenantShareTest {
  final List<Integer> wanted = new ArrayList<>();
  final List<Promise<BudgetStore.Grant>> pending = new ArrayList<>();
  final TenantShare share = new TenantShare(new TenantId("ten_share000000000000000"), (tenant, want, limit) -> {
    wanted.add(want);
    Promise<BudgetStore.Grant> promise = Promise.promise();
    pending.add(promise);
    return promise.future();
  });

  @Test
  void requestsWaitingForTheShareShareOneLease() {
    Future<OptionalLong> first = share.take(50);
    Future<OptionalLong> second = share.take(50);
    assertThat(wanted).as("one lease in flight, a tenth of the rate").containsExactly(5);
    assertThat(first.isComplete()).isFalse();
    pending.get(0).complete(new BudgetStore.Grant(5, 900));
    assertThat(first.result()).isEmpty();
    assertThat(second.result()).isEmpty();
    for (int i = 0; i < 3; i++) {
      assertThat(share.take(50).result()).as("the rest of the chunk, from memory").isEmpty();
    }
    assertThat(wanted).hasSize(1);
    share.take(50);
    assertThat(wanted).as("the chunk used up: the next lease").hasSize(2);
  }

  @Test
  void aSpentWindowRefusesWithoutAskingAgainUntilItEnds() {
    Future<OptionalLong> waiting = share.take(50);
    pending.get(0).complete(new BudgetStore.Grant(2, 900));
    assertThat(waiting.result()).isEmpty();
    assertThat(share.take(50).result()).isEmpty();
    OptionalLong refused = share.take(50).result();
    assertThat(refused).hasValue(1);
    assertThat(share.take(50).result()).hasValue(1);
    assertThat(wanted).as("less than asked for: the window is spent").hasSize(1);
  }

  @Test
  void moreWaitersThanTheChunkLeaseAgainRatherThanBeRefused() {
    List<Future<OptionalLong>> waiting = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      waiting.add(share.take(10));
    }
    assertThat(wanted).containsExactly(1);
    pending.get(0).complete(new BudgetStore.Grant(1, 900));
    assertThat(wanted).as("the seven still waiting are asked for at once").containsExactly(1, 7);
    pending.get(1).complete(new BudgetStore.Grant(7, 800));
    assertThat(waiting).allSatisfy(answer -> assertThat(answer.result()).isEmpty());
  }

  @Test
  void aFailedLeaseLeavesTheDecisionToThisNodesOwnLimiterForAWhile() {
    Future<OptionalLong> waiting = share.take(50);
    pending.get(0).fail(new IllegalStateException("database unreachable"));
    assertThat(waiting.result()).isEmpty();
    for (int i = 0; i < 20; i++) {
      assertThat(share.take(50).result()).isEmpty();
    }
    assertThat(wanted).as("no lease per request while the database fails").hasSize(1);
  }
}
