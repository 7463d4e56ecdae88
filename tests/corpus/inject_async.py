"""Copies a source tree, giving every top-level class, interface, enum and record a small @Async method."""
import os
import re
import sys

METHOD = (
    "\n  ;\n"
    "  @dev.machina.Async static dev.machina.Future<Integer> machinaCorpus$$() {\n"
    "    int machinaX$$ = dev.machina.Await.await(dev.machina.Future.ready(1));\n"
    "    return dev.machina.Future.ready(machinaX$$ + dev.machina.Await.await(dev.machina.Future.ready(2)));\n"
    "  }\n")


def main(src_root, out_root):
    injected = 0
    for dirpath, _, names in os.walk(src_root):
        for name in names:
            if not name.endswith(".java") or name in ("package-info.java", "module-info.java"):
                continue
            src = os.path.join(dirpath, name)
            text = open(src, encoding="utf-8", errors="replace").read()
            type_name = re.escape(name[:-5])
            # Annotation interfaces cannot hold a method with a body; the stray ';' ends an enum's
            # constants and is an empty declaration anywhere else.
            if not re.search(r"@interface\s+" + type_name + r"\b", text):
                end = text.rstrip().rfind("}")
                text = text[:end] + METHOD + text[end:]
                injected += 1
            dst = os.path.join(out_root, os.path.relpath(src, src_root))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            open(dst, "w", encoding="utf-8").write(text)
    print(injected, "classes given an @Async method")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
