package dev.machina.processor.lower;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A basic block of the lowered body: one {@code case} of the machine's state switch, entered by a
 * jump or by resuming an await, and ending in a jump, a suspension, a return or a throw.
 */
public final class Block {
  private final String name;
  private Region region;
  private final AwaitSite await;
  final List<Stmt> stmts = new ArrayList<>();
  final Set<Block> successors = new LinkedHashSet<>();
  boolean targeted;
  boolean placed;

  Block(String name, Region region, AwaitSite await) {
    this.name = name;
    this.region = region;
    this.await = await;
  }

  /** The name of the state constant. */
  public String name() {
    return name;
  }

  /** The innermost try region whose handlers cover this block, or {@code null}. */
  public Region region() {
    return region;
  }

  void setRegion(Region region) {
    this.region = region;
  }

  /** The await this block resumes, or {@code null} if it is not a resumption point. */
  public AwaitSite await() {
    return await;
  }

  public List<Stmt> stmts() {
    return stmts;
  }

  public Set<Block> successors() {
    return successors;
  }

  @Override
  public String toString() {
    return name;
  }
}
