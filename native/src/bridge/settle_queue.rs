//! Promises created on the JavaScript thread and settled from one worker thread through a single
//! libuv async handle made once per worker.
//!
//! Why not napi-rs's `create_deferred`: it makes a threadsafe function (a uv handle and an env
//! cleanup hook) for every Promise, most of a ~30 µs round trip. Why not one threadsafe function:
//! Node keeps dispatching a threadsafe function in the same tick while calls arrive during its
//! callback (up to 1,000), and the callback's microtasks start the next query, so back-to-back
//! awaited queries starved timers for tens of milliseconds. A uv async handle runs at most once
//! per loop iteration. Finished jobs wait in a list; one wake-up settles all of them, in order.
//! The handle holds the event loop open only while some Promise is pending.
//!
//! A loop turn is not the only way a Promise settles: every call that makes a new Promise first
//! settles what the worker has finished (`settle_ready`). Code that chains each call on the
//! previous one's Promise from microtasks (LangGraph chains its checkpoint puts, and a fast graph
//! runs thousands of steps without a loop turn) would otherwise fall behind by a job per step. So
//! while the loop has not turned since the last job marked `catch_up` (a put) was handed out, a
//! call waits a bounded moment for that job: such code keeps pace, as with a synchronous driver.
//! Once the loop turns (it settled something), nothing waits: code that awaits each put in turn
//! lets the loop run between them, and timers keep firing. Other jobs are never waited for: a
//! burst of calls keeps the worker busy while JavaScript prepares the next one.

use std::ffi::{c_int, c_void};
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use napi::bindgen_prelude::{Object, ToNapiValue};
use napi::{check_status, sys, Env, Error, JsError};

use crate::error::{internal, with_string_status};

/// Builds, on the JavaScript thread, the value a Promise resolves with.
pub type Resolve = Box<dyn FnOnce(sys::napi_env) -> napi::Result<sys::napi_value> + Send>;

/// Why a job failed: the JavaScript error's `code` and message.
pub struct Failure {
    pub code: String,
    pub message: String,
}

/// A job's result: the resolver, or the failure to reject with.
pub type Outcome = Result<Resolve, Failure>;

/// The settle handle of one Promise, and its place in the order jobs were handed out. Only the
/// JavaScript thread dereferences it.
pub struct Ticket(sys::napi_deferred, u64);
// SAFETY: carried across threads as an opaque value, used only on the JavaScript thread.
unsafe impl Send for Ticket {}

// libuv, as exported by the node binary to addons.
const UV_ASYNC: c_int = 1;
extern "C" {
    fn uv_handle_size(kind: c_int) -> usize;
    fn uv_async_init(
        event_loop: *mut sys::uv_loop_s,
        handle: *mut c_void,
        callback: unsafe extern "C" fn(*mut c_void),
    ) -> c_int;
    fn uv_async_send(handle: *mut c_void) -> c_int;
    fn uv_ref(handle: *mut c_void);
    fn uv_unref(handle: *mut c_void);
    fn uv_close(handle: *mut c_void, callback: unsafe extern "C" fn(*mut c_void));
    fn uv_handle_set_data(handle: *mut c_void, data: *mut c_void);
    fn uv_handle_get_data(handle: *const c_void) -> *mut c_void;
}

struct State {
    /// The handle may be signalled: false once it is closing (worker done, or env teardown).
    open: bool,
    settled: Vec<(Ticket, Outcome)>,
    worker_done: bool,
    cleanup_hook_registered: bool,
    /// A bounded wait ran out before the worker finished; no more waits until it finishes a job
    /// (a job blocked on another connection's lock must not stall every call for the bound).
    stalled: bool,
    /// The place of the last job the worker finished (jobs finish in the order handed out).
    finished_through: u64,
    /// The JavaScript thread is waiting on `progress` (the worker signals only then).
    waiting: bool,
}

struct Shared {
    state: Mutex<State>,
    /// Signalled by the worker whenever it queues a result.
    progress: Condvar,
    /// Promises handed out and not yet settled; touched on the JavaScript thread only.
    pending: AtomicUsize,
    /// Places handed out so far, and that of the last `catch_up` job; JavaScript thread only.
    issued: AtomicU64,
    catch_up_through: AtomicU64,
    /// The loop settled a batch since the last `catch_up` job was handed out; JavaScript thread only.
    loop_turned: AtomicBool,
    /// Fixed at creation. `handle` is valid until its close callback; `env` and `async_context`
    /// are used on the JavaScript thread only.
    handle: *mut c_void,
    handle_words: usize,
    env: sys::napi_env,
    async_context: sys::napi_async_context,
}

// SAFETY: the raw fields are written once before sharing; the worker only passes `handle` to
// uv_async_send (thread-safe) while `open` is true under the lock; the rest is JS-thread only.
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave `State` half-updated: recover it.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The JavaScript thread's side: makes Promises.
pub struct PromiseQueue {
    shared: Arc<Shared>,
}

/// The worker thread's side: settles them. Dropping it lets the handle close once drained.
pub struct Settler {
    shared: Arc<Shared>,
}

impl PromiseQueue {
    pub fn new(env: &Env, name: &str) -> napi::Result<(PromiseQueue, Settler)> {
        let raw_env = env.raw();
        let mut event_loop = ptr::null_mut();
        check_status!(unsafe { sys::napi_get_uv_event_loop(raw_env, &mut event_loop) })?;
        let resource_name = unsafe { <&str as ToNapiValue>::to_napi_value(raw_env, name)? };
        let mut async_context = ptr::null_mut();
        check_status!(unsafe {
            sys::napi_async_init(raw_env, ptr::null_mut(), resource_name, &mut async_context)
        })?;
        let handle_words = unsafe { uv_handle_size(UV_ASYNC) }.div_ceil(8);
        let handle = Box::into_raw(vec![0u64; handle_words].into_boxed_slice()) as *mut c_void;
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                open: true,
                settled: Vec::new(),
                worker_done: false,
                cleanup_hook_registered: false,
                stalled: false,
                finished_through: 0,
                waiting: false,
            }),
            progress: Condvar::new(),
            pending: AtomicUsize::new(0),
            issued: AtomicU64::new(0),
            catch_up_through: AtomicU64::new(0),
            loop_turned: AtomicBool::new(true),
            handle,
            handle_words,
            env: raw_env,
            async_context,
        });
        if unsafe { uv_async_init(event_loop, handle, settle_batch) } != 0 {
            unsafe { sys::napi_async_destroy(raw_env, async_context) };
            drop(unsafe {
                Box::from_raw(ptr::slice_from_raw_parts_mut(
                    handle as *mut u64,
                    handle_words,
                ))
            });
            return Err(internal("cannot create the wake-up handle"));
        }
        unsafe {
            // The handle owns one count, given back by its close callback.
            uv_handle_set_data(handle, Arc::into_raw(shared.clone()) as *mut c_void);
            // Idle, it must not keep the process alive; `promise` refs it while work is pending.
            uv_unref(handle);
        }
        // The loop is torn down with the environment: the handle must be closed before that.
        let hook_data = Arc::into_raw(shared.clone()) as *mut c_void;
        let hooked = unsafe {
            sys::napi_add_env_cleanup_hook(raw_env, Some(environment_teardown), hook_data)
        } == sys::Status::napi_ok;
        if hooked {
            shared.lock().cleanup_hook_registered = true;
        } else {
            drop(unsafe { Arc::from_raw(hook_data as *const Shared) });
        }
        Ok((
            PromiseQueue {
                shared: shared.clone(),
            },
            Settler { shared },
        ))
    }

    /// A new pending Promise and the ticket that settles it. `catch_up`: later calls wait a
    /// bounded moment for its job (see `settle_ready`).
    pub fn promise<'env>(
        &self,
        env: &'env Env,
        catch_up: bool,
    ) -> napi::Result<(Ticket, Object<'env>)> {
        let raw_env = env.raw();
        let mut deferred = ptr::null_mut();
        let mut promise = ptr::null_mut();
        check_status!(unsafe { sys::napi_create_promise(raw_env, &mut deferred, &mut promise) })?;
        if self.shared.pending.fetch_add(1, Ordering::Relaxed) == 0 && self.shared.lock().open {
            unsafe { uv_ref(self.shared.handle) };
        }
        let place = self.shared.issued.fetch_add(1, Ordering::Relaxed) + 1;
        if catch_up {
            self.shared.catch_up_through.store(place, Ordering::Relaxed);
            self.shared.loop_turned.store(false, Ordering::Relaxed);
        }
        Ok((Ticket(deferred, place), Object::from_raw(raw_env, promise)))
    }

    /// Rejects on the JavaScript thread a Promise whose job never reached the worker.
    pub fn reject_now(&self, env: &Env, ticket: Ticket, failure: Failure) {
        {
            let mut state = self.shared.lock();
            state.finished_through = state.finished_through.max(ticket.1);
        }
        unsafe { settle(env.raw(), ticket, Err(failure)) };
        finished(&self.shared, 1);
    }

    /// Whether the loop has not turned since the last `catch_up` job was handed out: the caller
    /// runs in one long stretch of JavaScript, and a call should wait for that job.
    pub fn loop_stalled(&self) -> bool {
        !self.shared.loop_turned.load(Ordering::Relaxed)
    }

    /// On the JavaScript thread, inside a call: settles every job the worker has finished, after
    /// waiting up to `wait` for the last `catch_up` job if it is still in flight. Their
    /// continuations run as microtasks once the call returns, without a loop turn.
    pub fn settle_ready(&self, env: &Env, wait: Duration) {
        let shared = &self.shared;
        let target = shared.catch_up_through.load(Ordering::Relaxed);
        let batch = {
            let mut state = shared.lock();
            let in_flight = |state: &State| state.finished_through < target;
            if in_flight(&state) && !state.stalled && !wait.is_zero() {
                let deadline = Instant::now() + wait;
                state.waiting = true;
                while in_flight(&state) {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        state.stalled = true;
                        break;
                    }
                    state = shared
                        .progress
                        .wait_timeout(state, left)
                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                        .0;
                }
                state.waiting = false;
            }
            std::mem::take(&mut state.settled)
        };
        let count = batch.len();
        if count == 0 {
            return;
        }
        for (ticket, outcome) in batch {
            unsafe { settle(env.raw(), ticket, outcome) };
        }
        finished(shared, count);
    }
}

fn finished(shared: &Shared, count: usize) {
    if shared.pending.fetch_sub(count, Ordering::Relaxed) == count && shared.lock().open {
        unsafe { uv_unref(shared.handle) };
    }
}

impl Settler {
    /// Queues a result; wakes the JavaScript thread unless a wake-up is already on its way.
    pub fn settle(&self, ticket: Ticket, outcome: Outcome) {
        let mut state = self.shared.lock();
        state.finished_through = ticket.1;
        state.settled.push((ticket, outcome));
        state.stalled = false;
        if state.waiting {
            // The JavaScript thread is inside a call and settles the list itself.
            self.shared.progress.notify_one();
            return;
        }
        // A non-empty list already has a wake-up pending that has not drained it yet. The lock
        // stays held, so teardown cannot close the handle between the check and the send.
        if state.settled.len() == 1 && state.open {
            unsafe { uv_async_send(self.shared.handle) };
        }
    }
}

impl Drop for Settler {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.worker_done = true;
        // The JavaScript thread settles what is left, then closes the handle.
        if state.open {
            unsafe { uv_async_send(self.shared.handle) };
        }
    }
}

unsafe fn settle(raw_env: sys::napi_env, ticket: Ticket, outcome: Outcome) {
    let value = match outcome {
        Ok(resolve) => resolve(raw_env).map_err(with_string_status),
        Err(failure) => Err(Error::new(failure.code, failure.message)),
    };
    match value {
        Ok(value) => sys::napi_resolve_deferred(raw_env, ticket.0, value),
        Err(error) => {
            sys::napi_reject_deferred(raw_env, ticket.0, JsError::from(error).into_value(raw_env))
        }
    };
}

/// The handle's callback, on the JavaScript thread: settles every finished job, then runs
/// their continuations (microtasks) as any Node callback does.
unsafe extern "C" fn settle_batch(handle: *mut c_void) {
    let shared = &*(uv_handle_get_data(handle) as *const Shared);
    let (batch, close) = {
        let mut state = shared.lock();
        let batch = std::mem::take(&mut state.settled);
        let close = state.worker_done && state.open;
        if close {
            state.open = false;
        }
        (batch, close)
    };
    let count = batch.len();
    if count > 0 {
        shared.loop_turned.store(true, Ordering::Relaxed);
        let env = shared.env;
        let mut handle_scope = ptr::null_mut();
        let mut callback_scope = ptr::null_mut();
        sys::napi_open_handle_scope(env, &mut handle_scope);
        sys::napi_open_callback_scope(
            env,
            ptr::null_mut(),
            shared.async_context,
            &mut callback_scope,
        );
        for (ticket, outcome) in batch {
            settle(env, ticket, outcome);
        }
        finished(shared, count);
        // Closing the callback scope runs the microtasks those settles queued.
        sys::napi_close_callback_scope(env, callback_scope);
        sys::napi_close_handle_scope(env, handle_scope);
    }
    if close {
        let hook_data = {
            let mut state = shared.lock();
            std::mem::replace(&mut state.cleanup_hook_registered, false)
        };
        if hook_data {
            let data = shared as *const Shared as *mut c_void;
            sys::napi_remove_env_cleanup_hook(shared.env, Some(environment_teardown), data);
            drop(Arc::from_raw(data as *const Shared));
        }
        sys::napi_async_destroy(shared.env, shared.async_context);
        uv_close(handle, handle_closed);
    }
}

unsafe extern "C" fn handle_closed(handle: *mut c_void) {
    let shared = Arc::from_raw(uv_handle_get_data(handle) as *const Shared);
    drop(Box::from_raw(ptr::slice_from_raw_parts_mut(
        handle as *mut u64,
        shared.handle_words,
    )));
}

/// The environment is going away: close the handle before its loop goes, and stop the worker
/// from signalling it. Promises still pending then never settle (no JavaScript can run anyway).
unsafe extern "C" fn environment_teardown(hook_data: *mut c_void) {
    let shared = Arc::from_raw(hook_data as *const Shared);
    let close = {
        let mut state = shared.lock();
        state.cleanup_hook_registered = false;
        std::mem::replace(&mut state.open, false)
    };
    if close {
        uv_close(shared.handle, handle_closed);
    }
}
