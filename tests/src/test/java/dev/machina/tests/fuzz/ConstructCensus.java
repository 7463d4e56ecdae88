package dev.machina.tests.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts the programs whose source holds each of the Java 17 constructs the generator added for
 * enums, labeled blocks, matrices, floats, boxes, iterators, nested classes, constant
 * loop conditions and variables read before the awaits of several blocks, for
 * {@link GeneratorTest}.
 */
final class ConstructCensus {
  private static final Map<String, Pattern> CONSTRUCTS = new LinkedHashMap<>();

  static {
    put("enum case labels", "case (Env\\.Dir\\.)?[NESW](, (Env\\.Dir\\.)?[NESW])*( ->|:)");
    // switch statements open their cases on the next line; expressions are written on one
    put("enum switch expressions", "switch \\([^\\n]*\\) \\{ case (Env\\.Dir\\.)?[NESW][,: -]");
    put("ordinal/name/values", "\\.ordinal\\(\\)|\\.name\\(\\)|Env\\.Dir\\.values\\(\\)");
    put("string switch expressions", "switch \\([^\\n]*\\) \\{ case \"");
    put("labeled blocks", "(?m)^\\s*(?!default:)\\w+: \\{$");
    put("awaits in array dimensions", "new int\\[[^\\]\\n]*await[^\\n]*\\]\\[");
    put("unsized dimensions", "new (int|String)\\[1 \\+ Math\\.floorMod\\([^\\n]*\\]\\[\\]");
    put("String arrays with initializers", "new String\\[\\] \\{");
    put("compound assignments on a[i][j]", "\\]\\[Math\\.floorMod\\([^\\n]*\\] ([-+*^%]|<<)=");
    put("float arithmetic", "\\(float\\)|\\d[.]?\\d*f\\b");
    put("Character/Long/Double boxes", "(Character|Long|Double) \\w+ = ");
    put("explicit iterators", "Iterator<Integer> \\w+ = ");
    put("inner class instances", "\\.new In\\(|= new In\\(");
    put("generic nested class", "new Bx<");
    put("inferred generic method", "Env\\.pick\\(");
    put("two declarators", "(?m)^\\s*(int|long|String|boolean|char|byte|short|double|Integer|Env\\.Dir|List<Integer>) \\w+ = [^\\n]*, v\\d+ = ");
    put("explicit type arguments", "Env\\.<Bx<Integer>>pick\\(");
    put("computed throws", "throw \\(?[^\\n]*e\\.boom\\(\"[^\"]*:\" \\+");
    put("instanceof List<?>", "instanceof List<\\?>");
    put("variables read before the awaits of several blocks", "(?m)^\\s*(int|String) p\\d+ = [^\\n]*;\\n\\s*(if \\(|for \\(int k|try \\{)");
    put("stores into private fields used as values", "\\((?:\\w+\\.)?(?:sf1|sf3|if1) \\+?= ");
    put("constant true loop conditions", "(?m)^\\s*(\\} )?while \\((true|1 < 2|\\(byte\\)|!false|0\\.|Integer\\.MAX|\\(2L|\\(int\\) 1e10|\\(char\\))");
  }

  private static void put(String name, String regex) {
    CONSTRUCTS.put(name, Pattern.compile(regex));
  }

  final Map<String, Integer> counts = new LinkedHashMap<>();
  int programs;

  ConstructCensus() {
    CONSTRUCTS.keySet().forEach(k -> counts.put(k, 0));
  }

  void add(FuzzProgram p) {
    programs++;
    String all = p.body + p.members;
    CONSTRUCTS.forEach((k, re) -> {
      if (re.matcher(all).find()) {
        counts.merge(k, 1, Integer::sum);
      }
    });
  }

  @Override
  public String toString() {
    return programs + " programs: " + counts;
  }
}
