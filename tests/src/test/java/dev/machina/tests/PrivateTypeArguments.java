package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Private nested types as type arguments in {@code @Async} bodies (FINDINGS F59, F138): lists,
 * maps, sets and optionals of a private record and enum kept across awaits, given to and returned
 * by methods declared with them, sorted by their natural order and grouped into an {@code
 * EnumMap}.
 */
public final class PrivateTypeArguments {
  private final List<Task> backlog = new ArrayList<>();
  Map<Priority, List<Task>> lastPlan;

  private record Task(String name, Priority priority, int hours) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      return o.priority.compareTo(priority) != 0 ? o.priority.compareTo(priority) : name.compareTo(o.name);
    }
  }

  private enum Priority { LOW, HIGH, URGENT }

  PrivateTypeArguments(String... urgent) {
    for (String u : urgent) {
      backlog.add(new Task(u, Priority.URGENT, 1));
    }
  }

  List<Task> backlog() {
    return backlog;
  }

  int hours(List<Task> tasks) {
    int h = 0;
    for (Task t : tasks) {
      h += t.hours();
    }
    return h;
  }

  /** A week's plan: tasks read one await each, sorted, grouped by priority, the busiest found. */
  @Async
  Future<String> plan(Src s, int days) {
    List<Task> tasks = new ArrayList<>(backlog());
    for (int d = 0; d < days; d++) {
      Priority p = Priority.values()[await(s.val(d)) % 3];
      tasks.add(new Task("t" + d, p, await(s.val(d + 1))));
    }
    Collections.sort(tasks);
    Map<Priority, List<Task>> byPriority = new EnumMap<>(Priority.class);
    for (Task t : tasks) {
      byPriority.computeIfAbsent(t.priority(), k -> new ArrayList<>()).add(t);
    }
    EnumSet<Priority> seen = EnumSet.copyOf(byPriority.keySet());
    Optional<Task> longest = tasks.stream().max((a, b) -> Integer.compare(a.hours(), b.hours()));
    Map<String, Integer> hoursByName = new TreeMap<>();
    for (Map.Entry<Priority, List<Task>> e : byPriority.entrySet()) {
      hoursByName.put(e.getKey().name(), hours(e.getValue()) + await(s.val(0)));
    }
    lastPlan = byPriority;
    return Future.ready(tasks.stream().map(Task::name).collect(Collectors.joining(","))
        + " " + seen + " " + longest.map(Task::name).orElse("-") + " " + hoursByName
        + " " + lastPlan.size());
  }
}
