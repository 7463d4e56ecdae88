package dev.machina.samples.chat;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.sync.ChannelClosedException;
import dev.machina.sync.Receiver;
import dev.machina.sync.Sender;
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
      String present = members.isEmpty() ? "nobody yet" : String.join(", ", members.values());
      members.put(joined.outbox(), joined.name());
      send(joined.outbox(), "* in the room: " + present);
      broadcast("* " + joined.name() + " joined");
    } else if (event instanceof Said said) {
      String name = members.get(said.outbox());
      if (name != null) {
        broadcast(name + ": " + said.text());
      }
    } else if (event instanceof Left left) {
      remove(left.outbox(), "left");
    }
  }

  private void broadcast(String line) {
    for (Sender<String> outbox : List.copyOf(members.keySet())) {
      send(outbox, line);
    }
  }

  /** Queues {@code line} for one member; a member that cannot take it is removed. */
  private void send(Sender<String> outbox, String line) {
    if (!members.containsKey(outbox)) {
      return; // removed while this line was being broadcast
    }
    try {
      if (!outbox.trySend(line)) {
        remove(outbox, "was dropped (not reading)"); // its outbox is full
      }
    } catch (ChannelClosedException connectionGone) {
      remove(outbox, "left");
    }
  }

  /** Removes a member, ends its outbox (its writer then ends the connection) and tells the rest. */
  private void remove(Sender<String> outbox, String why) {
    String name = members.remove(outbox);
    outbox.close();
    if (name != null) {
      broadcast("* " + name + " " + why);
    }
  }
}
