// Tiptap's task item, with its checkbox disabled whenever the editor is read-only (a viewer's, or
// after access ended). Stock Tiptap leaves it enabled there: it can be ticked, then snaps back.
import TaskItem from "@tiptap/extension-task-item";

export const ReadOnlyAwareTaskItem = TaskItem.extend({
  addNodeView() {
    const stock = this.parent?.();
    if (!stock) return null;
    return (props) => {
      const view = stock(props);
      const checkbox = (view.dom as HTMLElement).querySelector<HTMLInputElement>(":scope > label > input[type=checkbox]");
      const sync = () => {
        if (checkbox) checkbox.disabled = !props.editor.isEditable;
      };
      sync();
      // setEditable() emits "update", so this follows role changes without re-creating the view.
      props.editor.on("update", sync);
      return {
        ...view,
        destroy: () => {
          props.editor.off("update", sync);
          view.destroy?.();
        },
      };
    };
  },
});
