// The "… is typing" line of the room shown: a name stays for three seconds after its
// last typing event, or until its message or its leaving.

const SHOWN_FOR = 3000;

export class TypingLine {
  constructor(element) {
    this.element = element;
    this.typers = new Map(); // user -> timer
  }

  /** Someone typed. */
  typed(user) {
    clearTimeout(this.typers.get(user));
    this.typers.set(user, setTimeout(() => this.stopped(user), SHOWN_FOR));
    this.render();
  }

  /** Someone sent their message, or left. */
  stopped(user) {
    if (this.typers.has(user)) {
      clearTimeout(this.typers.get(user));
      this.typers.delete(user);
      this.render();
    }
  }

  clear() {
    this.typers.forEach((timer) => clearTimeout(timer));
    this.typers.clear();
    this.render();
  }

  render() {
    const names = [...this.typers.keys()];
    this.element.textContent = names.length === 0 ? ''
      : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
  }
}
