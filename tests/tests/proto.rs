use coro_runtime::{Coroutine, Status};

fn counter(n: u64) -> impl Coroutine<Output = u64> {
    use ::coro_runtime::__private as p;
    p::Frame::<p::Node<p::Leaf<_>, p::Leaf<_>>, _, _>::new::<p::L<p::H>>((n,), |cx| {
        match cx.state() {
            0 => {
                let (n,) = cx.take::<p::L<p::H>>();
                p::ret::<u64>({
                    let n = n;
                    let mut s = 0;
                    match ::core::iter::IntoIterator::into_iter(0..n) {
                        mut iter => loop {
                            match ::core::iter::Iterator::next(&mut iter) {
                                None => break,
                                Some(i) => {
                                    return cx.suspend::<p::R<p::H>>((i, iter, s, n));
                                }
                            }
                        },
                    };
                    s
                })
            }
            2 => {
                let (i, iter, s, n) = cx.take::<p::R<p::H>>();
                p::ret::<u64>({
                    let n = n;
                    let mut s = s;
                    match iter {
                        mut iter => {
                            let mut first = true;
                            loop {
                                if first {
                                    first = false;
                                    let i = i;
                                    s += i;
                                } else {
                                    match ::core::iter::Iterator::next(&mut iter) {
                                        None => break,
                                        Some(i) => {
                                            return cx.suspend::<p::R<p::H>>((i, iter, s, n));
                                        }
                                    }
                                }
                            }
                        }
                    };
                    s
                })
            }
            _ => unreachable!(),
        }
    })
}

fn child(x: String) -> impl Coroutine<Output = usize> {
    use ::coro_runtime::__private as p;
    p::Frame::<p::Node<p::Leaf<_>, p::Leaf<_>>, _, _>::new::<p::L<p::H>>((x,), |cx| match cx.state() {
        0 => {
            let (x,) = cx.take::<p::L<p::H>>();
            p::ret::<usize>({
                let x = x;
                return cx.suspend::<p::R<p::H>>((x,));
            })
        }
        2 => {
            let (x,) = cx.take::<p::R<p::H>>();
            p::ret::<usize>({
                let x = x;
                x.len()
            })
        }
        _ => unreachable!(),
    })
}

fn parent(v: Vec<String>) -> impl Coroutine<Output = usize> {
    use ::coro_runtime::__private as p;
    p::Frame::<p::Node<p::Leaf<_>, p::Leaf<_>>, _, _>::new::<p::L<p::H>>((v,), |cx| match cx.state() {
        0 => {
            let (v,) = cx.take::<p::L<p::H>>();
            p::ret::<usize>({
                let v = v;
                let mut total = 0;
                match ::core::iter::IntoIterator::into_iter(v) {
                    mut iter => loop {
                        match ::core::iter::Iterator::next(&mut iter) {
                            None => break,
                            Some(s) => {
                                total += {
                                    let c = p::IntoAwaitable::into_awaitable(child(s));
                                    let w = p::Witness::of(&c);
                                    return cx.await_::<p::R<p::H>, _, _>(c, (iter, total));
                                    #[allow(unreachable_code)]
                                    w.value()
                                };
                            }
                        }
                    },
                };
                total
            })
        }
        2 => {
            let (out, (iter, total)) = match cx.finish_await::<p::R<p::H>, _, _>() {
                Ok(v) => v,
                Err(step) => return step,
            };
            p::ret::<usize>({
                let mut total = total;
                match iter {
                    mut iter => {
                        let mut first = true;
                        loop {
                            if first {
                                first = false;
                                total += out;
                            } else {
                                match ::core::iter::Iterator::next(&mut iter) {
                                    None => break,
                                    Some(s) => {
                                total += {
                                    let c = p::IntoAwaitable::into_awaitable(child(s));
                                    let w = p::Witness::of(&c);
                                    return cx.await_::<p::R<p::H>, _, _>(c, (iter, total));
                                    #[allow(unreachable_code)]
                                    w.value()
                                };
                                    }
                                }
                            }
                        }
                    }
                };
                total
            })
        }
        _ => unreachable!(),
    })
}

#[test]
fn counter_runs() {
    let mut f = core::pin::pin!(counter(4));
    let mut steps = 0;
    while f.as_mut().resume() == Status::Suspended {
        steps += 1;
    }
    assert_eq!(steps, 4);
    assert_eq!(f.as_mut().take_output(), Some(6));
    eprintln!("counter frame: {}", core::mem::size_of_val(&*f));
}

#[test]
fn parent_runs() {
    let mut f = core::pin::pin!(parent(vec!["ab".into(), "cde".into()]));
    let mut steps = 0;
    while f.as_mut().resume() == Status::Suspended {
        steps += 1;
    }
    assert_eq!(steps, 2);
    assert_eq!(f.as_mut().take_output(), Some(5));
    eprintln!("parent frame: {}", core::mem::size_of_val(&*f));
}
