import { mount } from "svelte";
import { recovery } from "./api";
import App from "./app/App.svelte";
import { theme } from "./ui/theme.svelte";
import { activityStore } from "./mirror/activity.svelte";
import { network } from "./mirror/store.svelte";
import RecoveryScreen from "./features/recovery/RecoveryScreen.svelte";
import { savedViews } from "./features/views/views.svelte";
import "./styles.css";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
// The theme before anything is drawn (the recovery screen included): no flash of light.
theme.install();

/**
 * start mounts the app, or the recovery screen alone when the store did not
 * open (the window then binds only main.Recovery; recovery.go).
 */
async function start(el: HTMLElement) {
  if (recovery.recoveryBound()) {
    try {
      const state = await recovery.State();
      if (state.recovering) return mount(RecoveryScreen, { target: el, props: { info: state } });
    } catch (e) {
      console.error("Recovery.State failed; starting the app", e);
    }
  }
  // The network read starts now, not after the app, the map and WebGL are set up.
  void network.start();
  activityStore.start();
  savedViews.start();
  return mount(App, { target: el });
}

export default start(target);
