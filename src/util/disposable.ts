import type * as vscode from 'vscode';

/** Base for objects that own listeners and other disposables: everything registered is released once. */
export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected register<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) {
      disposable.dispose();
    } else {
      this.disposables.push(disposable);
    }
    return disposable;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Release in reverse order of registration, as later objects may depend on earlier ones.
    while (this.disposables.length) {
      this.disposables.pop()?.dispose();
    }
  }
}
