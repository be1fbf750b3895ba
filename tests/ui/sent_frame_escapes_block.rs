// The frame a suspend block sends to another thread must be resumed before
// the block ends: a thread that may outlive the block cannot take it.
#[coro_runtime::coroutine]
fn f() {
    coro_runtime::suspend!(|me| {
        let me = me.send();
        std::thread::spawn(move || me.resume());
    });
}

fn main() {}
