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
    // F92's further shapes (branch fuzzgaps)
    put("F92: a reference reassigned between awaits", "(?m)^\\s*(String \\w+ = \\w+ \\+ [^\\n]*;\\n\\s*e\\.log\\(\"[^\"]*\", \\w+\\);\\n\\s*e\\.log\\(\"[^\"]*\", await|int\\[\\] \\w+ = new int\\[\\] \\{\\w+, [^\\n]*\\};\\n\\s*e\\.log\\(\"[^\"]*\", java\\.util\\.Arrays\\.toString\\()");
    put("F92: read before the awaits of switch arms", "switch \\(Math\\.floorMod\\([^\\n]*, 3\\)\\) \\{\\n\\s*case 0( ->|:)( \\{)?\\n\\s*e\\.log\\(\"[^\"]*\", p\\d+\\);");
    put("F92: read before the awaits of switch expression arms", "case 0 -> \\{ e\\.log\\(\"[^\"]*\", p\\d+\\); yield ");
    put("F92: first stored in a copied synchronized block", "synchronized \\(await\\(");
    put("F92: first stored in a copied loop", "(?m)^\\s*(int|String) p\\d+;\\n\\s*int \\w+ = 0;\\n\\s*do \\{");
    // the gap analysis (branch fuzzgaps, tests/README.md)
    put("array stores, the array maybe null", "int\\[\\] \\w+ = e\\.t\\(\"[^\"]*\", [^\\n]* \\? new int\\[\\] \\{[^\\n]*\\} : null\\);");
    put("array stores of another type (ArrayStoreException)", "new String\\[2\\] : new Object\\[2\\];");
    put("string switches over equal hash codes", "case \"(AaBB|BBAa|AaAa|BBBB)\":");
    put("switches over boxes", "case (-3|'x')( ->|:)");
    put("nested finally blocks in a loop", "(?m)^(\\s*)try \\{\\n\\1  try \\{");
    put("three resources, a Java 9 reference", "try \\(\\w+; Env\\.Res \\w+ = [^\\n]*; Env\\.Res ");
    put("local enums", "(?m)^\\s*enum Eg\\d+ \\{");
    put("local interfaces and classes", "(?m)^\\s*class Lc\\d+ implements Ig\\d+");
    put("text blocks", "\"\"\"\\n");
    put("values of private nested types", "Pv\\[\\] \\w+ = \\{");
    put("private nested types as type arguments", "List<Pv> pl\\d+ = ");
    // with ProtectedBase's mirrors, nested types of a superclass in another package (session 22)
    put("values of inherited protected nested types", "Qv\\[\\] \\w+ = \\{");
    put("type patterns of private or inherited protected nested types", "instanceof (Pv|Acc|Lvl|Qv|Qacc|Qlvl) \\w+");
    put("catches of a private or inherited protected exception type", "catch \\((Pe|Qe)[ |]");
    put("lambdas of a private or inherited protected functional interface", "(Pf|Qf) \\w+ = \\(x, p\\) ->");
    put("@Async methods of a private class and its private subclass", "new Pk2?\\(\\d+\\)\\.k\\(");
    put("@Async methods whose signatures name private or protected records", "await\\((pv|qv)Next\\(");
    put("var locals", "(?m)^\\s*var \\w+ = [^\\n]*;\\n\\s*var \\w+ = \"\"\"");
    put("for with two variables", "for \\(int \\w+ = 0, \\w+ = ");
    put("exact arithmetic", "Math\\.(addExact|multiplyExact|toIntExact)\\(");
    put("MIN_VALUE / x, floorDiv, ~", "Integer\\.MIN_VALUE / |Math\\.floorDiv\\(|~");
    put("method references with awaited receivers", "e\\.call\\((await|e\\.t)\\([^\\n]*::length\\)");
    put("class casts that may fail", "\\(\\(String\\) e\\.obj\\(");
    put("charAt out of range", "\"abcd\"\\.charAt\\(");
    put("reference conditionals of an await and a primitive", "\\(\"\" \\+ \\([^\\n]*\\? await\\(e\\.f\\(\\d+, ");
    put("labeled if, switch and try statements", "(?m)^\\s*\\w+: (if \\(|switch \\(|try \\{)");
    put("a switch group's declaration used by the later groups", "(?m)^\\s*case 0:\\n\\s*(int|String) \\w+ = await\\(");
    put("yield from a switch statement in a switch expression", "-> \\{ switch \\(Math\\.floorMod\\([^\\n]*, 2\\)\\) \\{ case 0: yield ");
    put("declared without a value, assigned in lowered branches", "(?m)^\\s*(int|String) \\w+;\\n\\s*(if \\(|int \\w+ = 0;\\n\\s*do \\{\\n\\s*\\w+ = await)");
    put("pattern bindings in conditionals", "instanceof (String|Integer) \\w+ (\\?|&&) ");
    put("& | ^ on booleans and ints", "\\) (&|\\||\\^) [^&|=]");
    put("comments and literals that look like them, over lines", "\"a//b\" \\+ // it's");
    put("string switch expressions over equal hash codes", "case \"Aa\", \"BB\" -> ");
    put("operands read before a later operand assigns them", "\\((\\w+) (\\+|\\* 10 \\+) \\(\\1 \\+?= await|\\((\\w+)\\+\\+ \\+ await\\(e\\.f\\(\\d+, \\3\\)\\)|e\\.h\\((\\w+), \\4 = await");
    put("method references to private varargs methods", "::v(sum|join)\\)\\.");
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
