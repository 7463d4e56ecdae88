package dev.machina.sync;

/** The sending end of a {@link Oneshot}, forwarding to the shared {@link OneshotCell}. */
final class OneshotSender<T> implements Oneshot.Sender<T> {
  private final OneshotCell<T> cell;

  OneshotSender(OneshotCell<T> cell) {
    this.cell = cell;
  }

  @Override
  public boolean send(T value) {
    return cell.send(value);
  }

  @Override
  public boolean fail(Throwable error) {
    return cell.fail(error);
  }

  @Override
  public void close() {
    cell.closeSender();
  }

  @Override
  public boolean isReceiverClosed() {
    return cell.isReceiverClosed();
  }
}
