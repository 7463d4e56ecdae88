package dev.machina.samples.chat;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.sync.Receiver;
import dev.machina.sync.Sender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room of the chat sample: one task that owns the member list and hands every line to every
 * member's outbox. Sessions talk to it only through its event channel, so nothing is shared.
 *
 * <p>Outboxes are bounded; a member whose outbox is full (a client that stopped reading) is
 * dropped rather than buffered for without limit.
 */
final class ChatRoom {
  /** What sessions tell the room. */
  sealed interface Event permits Joined, Said, Left {}

  /** {@code name} arrived; lines for it go to {@code outbox}. */
  record Joined(String name, Sender<String> outbox) implements Event {}

  /** The member owning {@code outbox} said {@code text}. */
  record Said(Sender<String> outbox, String text) implements Event {}

  /** The member owning {@code outbox} left. */
  record Left(Sender<String> outbox) implements Event {}

  private final Map<Sender<String>, String> members = new LinkedHashMap<>();

  /** Runs the room until every session's sender is closed. */
  @Async
  Future<Void> run(Receiver<Event> events) {
    for (Event event; (event = await(events.recv())) != null; ) {
      handle(event);
    }
    members.keySet().forEach(Sender::close);
    return Future.ready(null);
  }

  private void handle(Event event) {
    if (event instanceof Joined joined) {
      deliver(joined.outbox(), "* in the room: " + (members.isEmpty() ? "nobody yet" : String.join(", ", members.values())));
      members.put(joined.outbox(), joined.name());
      broadcast("* " + joined.name() + " joined");
    } else if (event instanceof Said said) {
      String name = members.get(said.outbox());
      if (name != null) {
        broadcast(name + ": " + said.text());
      }
    } else if (event instanceof Left left) {
      String name = members.remove(left.outbox());
      left.outbox().close();
      if (name != null) {
        broadcast("* " + name + " left");
      }
    }
  }

  private void broadcast(String line) {
    List<Sender<String>> slow = new ArrayList<>();
    for (Sender<String> outbox : members.keySet()) {
      if (!deliver(outbox, line)) {
        slow.add(outbox);
      }
    }
    for (Sender<String> outbox : slow) {
      String name = members.remove(outbox);
      outbox.close(); // its session's writer drains what is queued, then ends the connection
      broadcast("* " + name + " was dropped (not reading)");
    }
  }

  private static boolean deliver(Sender<String> outbox, String line) {
    try {
      return outbox.trySend(line);
    } catch (RuntimeException closed) {
      return false;
    }
  }
}
