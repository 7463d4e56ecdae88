package dev.machina.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.machina.processor.HiddenTypes;
import dev.machina.processor.lower.LocalTypes;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/** The names the generated file writes for the body's types, in the package it is generated in. */
final class TypeNames {
  private final HiddenTypes hidden;

  TypeNames(HiddenTypes hidden) {
    this.hidden = hidden;
  }

  /**
   * A Javadoc reference to the class {@code owner}, or to its member {@code member} if not null:
   * {@code {@link Outer.Helper#run}}, or {@code {@code Outer.Helper.run}} for a hidden class,
   * which the generated file cannot reference.
   */
  CodeBlock link(TypeElement owner, CharSequence member) {
    if (!hides(owner)) {
      return member == null
          ? CodeBlock.of("{@link $T}", ClassName.get(owner))
          : CodeBlock.of("{@link $T#$L}", ClassName.get(owner), member);
    }
    String name = owner.getSimpleName().toString();
    for (Element e = owner.getEnclosingElement(); e instanceof TypeElement o; e = e.getEnclosingElement()) {
      name = o.getSimpleName() + "." + name;
    }
    return CodeBlock.of("{@code $L}", member == null ? name : name + "." + member);
  }

  /**
   * The name of {@code t}; local classes by simple name (also as components and type arguments),
   * anonymous ones by their supertype, hidden ones (private, or protected of another package) as {@code Object}.
   */
  TypeName of(TypeMirror t) {
    if (t instanceof DeclaredType d && hidden.isHidden((TypeElement) d.asElement())) {
      return ClassName.OBJECT;
    }
    if (t instanceof ArrayType a && (LocalTypes.mentionsLocal(a) || hidden.mentions(a) || mentionsAnonymous(a))) {
      return ArrayTypeName.of(of(a.getComponentType()));
    }
    if (t instanceof WildcardType w && (LocalTypes.mentionsLocal(w) || hidden.mentions(w) || mentionsAnonymous(w))) {
      return w.getExtendsBound() != null
          ? WildcardTypeName.subtypeOf(of(w.getExtendsBound()))
          : WildcardTypeName.supertypeOf(of(w.getSuperBound()));
    }
    if (t instanceof DeclaredType d) {
      TypeElement e = (TypeElement) d.asElement();
      if (e.getNestingKind() == NestingKind.ANONYMOUS) {
        TypeMirror sup = e.getSuperclass();
        if (!e.getInterfaces().isEmpty()
            && sup.toString().equals("java.lang.Object")) {
          sup = e.getInterfaces().get(0);
        }
        return of(sup);
      }
      if (LocalTypes.mentionsLocal(d) || hidden.mentions(d) || mentionsAnonymous(d)) {
        ClassName raw =
            e.getNestingKind() == NestingKind.LOCAL
                ? ClassName.get("", e.getSimpleName().toString())
                : ClassName.get(e);
        if (d.getTypeArguments().isEmpty() || hidden.writtenRaw(d)) {
          return raw;
        }
        TypeName[] args =
            d.getTypeArguments().stream().map(this::argument).toArray(TypeName[]::new);
        return ParameterizedTypeName.get(raw, args);
      }
    }
    return TypeName.get(t);
  }

  /**
   * The name of {@code t} as a type argument: an anonymous class, which no source can name, as
   * {@code ? extends} its supertype ({@code Stream<? extends Named>} for the {@code Stream} of a
   * {@code map(s -> new Named() {..})}), which holds it.
   */
  private TypeName argument(TypeMirror t) {
    if (!mentionsAnonymous(t)) {
      return of(t);
    }
    if (t instanceof WildcardType w) {
      // ? super an anonymous class (or a type of one): only ? holds what it held
      return w.getExtendsBound() != null ? of(w) : WildcardTypeName.subtypeOf(Object.class);
    }
    // Stream<Anon> as Stream<? extends Named>; List<Stream<Anon>> as List<? extends Stream<? extends Named>>
    TypeName n = of(t);
    return n.equals(ClassName.OBJECT) ? WildcardTypeName.subtypeOf(Object.class) : WildcardTypeName.subtypeOf(n);
  }

  /** Whether an anonymous class stands among {@code t}'s type arguments (at any depth). */
  static boolean mentionsAnonymous(TypeMirror t) {
    return LocalTypes.mentions(t, NestingKind.ANONYMOUS);
  }

  /** Whether the generated file cannot name {@code te}: it writes it {@code Object}. */
  boolean hides(TypeElement te) {
    return hidden.isHidden(te);
  }

  /** Whether a protected class of another package hides {@code te}. */
  boolean hiddenByProtection(TypeElement te) {
    return hidden.hiddenByProtection(te);
  }

  /** Whether {@code t} names a hidden type: itself, as a component or in a type argument. */
  boolean mentionsHidden(TypeMirror t) {
    return hidden.mentions(t);
  }

  /** The hidden type {@code t} is, or is an array of; null for any other type. */
  TypeElement hiddenType(TypeMirror t) {
    return hidden.of(t);
  }

  /**
   * What hidden type the signature of {@code e} names, as {@code "a private nested type"} or
   * {@code "a protected type of another package"} (so the file reaches it through a handle); null
   * if it names none.
   */
  String hiddenInSignature(javax.lang.model.util.Types types, javax.lang.model.element.Element e) {
    TypeElement named = hidden.namedInSignature(types, e);
    return named == null ? null
        : hidden.hiddenByProtection(named) ? "a protected type of another package" : "a private nested type";
  }

  /** The name of the erased type {@code erased}, raw where a hidden type argument was written. */
  TypeName raw(TypeMirror erased) {
    TypeName t = of(erased);
    return t instanceof ParameterizedTypeName p ? p.rawType() : t;
  }
}
