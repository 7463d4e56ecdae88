package dev.machina.tests.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts the shapes of calls between methods in generated programs, for {@link GeneratorTest}. */
final class Census {
  private static final Pattern CALL = Pattern.compile("(?<![\\w.])(?:new S\\(\\)\\.|this\\.|new P\\w+\\(\\)\\.|P\\w+\\.)?(m\\d|dp)\\(e, ([^,]+),");
  private static final Pattern TAIL = Pattern.compile("return (?:new S\\(\\)\\.|this\\.|new P\\w+\\(\\)\\.|P\\w+\\.)?(m\\d|dp)\\(e, ");
  private static final Pattern CATCH = Pattern.compile("^((?:S\\.)?(?:m\\d|dp)\\.)?(?:c[\\w$]+|caught)=.*Boom\\(([^)]*)\\)");

  int programs;
  int withMethods;
  int crossAwaits;
  int asyncOverrides;
  int plainOverrides;
  int dispatched;
  int tailCalls;
  int deepCalls;
  int awaitsInFinally;
  int instanceMethods;
  int staticMethods;
  final int[] byRet = new int[ProgramGenerator.Ret.values().length];

  void add(FuzzProgram p) {
    programs++;
    List<ProgramGenerator.Callee> plan = ProgramGenerator.plan(p.seed);
    if (plan.isEmpty()) {
      return;
    }
    withMethods++;
    String all = p.body + p.members;
    Matcher m = CALL.matcher(all);
    boolean call = false;
    boolean deep = false;
    while (m.find()) {
      call = true;
      String d = m.group(2).trim();
      deep |= m.group(1).equals("dp") && d.matches("\\d+") && Integer.parseInt(d) > 32;
    }
    crossAwaits += call ? 1 : 0;
    deepCalls += deep ? 1 : 0;
    tailCalls += TAIL.matcher(all).find() ? 1 : 0;
    dispatched += all.contains("new S().") ? 1 : 0;
    boolean async = false;
    boolean plain = false;
    for (ProgramGenerator.Callee c : plan) {
      async |= c.override() == 1;
      plain |= c.override() == 2;
      byRet[c.ret().ordinal()]++;
      if (c.isStatic()) {
        staticMethods++;
      } else {
        instanceMethods++;
      }
    }
    asyncOverrides += async ? 1 : 0;
    plainOverrides += plain ? 1 : 0;
    awaitsInFinally += Pattern.compile("finally \\{\\n[^}]*await\\((?:new S\\(\\)\\.|this\\.|P\\w+\\.)?(?:m\\d|dp|e\\.f)\\(").matcher(p.members).find() ? 1 : 0;
  }

  /**
   * Whether {@code o}, a run of {@code p}, shows an {@code Env.Boom} that crossed machines: caught
   * by another method than the one that threw it (labels and messages carry the method's name;
   * a future's message its site, numbered by method), or by a {@code dp} level from a deeper one,
   * or thrown out of {@code run} from another method.
   */
  static boolean boomCrossesMachines(FuzzProgram p, Outcome o) {
    List<ProgramGenerator.Callee> plan = ProgramGenerator.plan(p.seed);
    for (String t : o.trace) {
      Matcher m = CATCH.matcher(t);
      if (m.find()) {
        String catcher = m.group(1) == null ? "" : m.group(1);
        String origin = origin(m.group(2), plan);
        if (!origin.equals(catcher) || t.contains("caught=") && m.group(2).endsWith("bottom")) {
          return true;
        }
      }
    }
    return o.thrown != null && o.thrown.startsWith("Boom(") && !origin(o.thrown.substring(5), plan).isEmpty();
  }

  private static String origin(String msg, List<ProgramGenerator.Callee> plan) {
    if (msg.startsWith("close ")) {
      msg = msg.substring(6);
    }
    Matcher f = Pattern.compile("^f(\\d+)#").matcher(msg);
    if (f.find()) {
      int site = Integer.parseInt(f.group(1));
      if (site < 4000) {
        return "";
      }
      return site < 6000
          ? plan.get((site - 4000) / 400).name() + "."
          : "S." + plan.get((site - 6000) / 300).name() + ".";
    }
    Matcher l = Pattern.compile("^((?:S\\.)?(?:m\\d|dp)\\.)").matcher(msg);
    return l.find() ? l.group(1) : "";
  }

  @Override
  public String toString() {
    return programs + " programs: " + withMethods + " with methods (" + staticMethods + " static, "
        + instanceMethods + " instance; by value type " + Arrays.toString(byRet) + " for "
        + Arrays.toString(ProgramGenerator.Ret.values()) + "), " + crossAwaits
        + " with awaits of calls between them, " + asyncOverrides + " with @Async overrides, "
        + plainOverrides + " with plain overrides, " + dispatched + " calling through new S(), "
        + tailCalls + " with tail calls, " + deepCalls + " recursing past 32, " + awaitsInFinally
        + " with awaits in finally blocks of the methods";
  }
}
