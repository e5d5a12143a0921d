// The C functions the lab binds, by platform: those every platform's C library has, and those only
// one has. A function only Linux has (setns, sigtimedwait, renameat2, prctl) is never bound on
// darwin, where koffi would throw "Cannot find function" at import; darwin's own (kqueue, kevent,
// sysctlbyname, proc_pidinfo) are bound there only. Importing this module binds nothing.
import type { Platform } from './platform.ts';

/** A C prototype as koffi parses it. */
type Prototype = string;

/** The functions every platform's C library has (POSIX, and BSD's flock). */
export const COMMON: Record<string, Prototype> = {
  socket: 'int socket(int domain, int type, int protocol)',
  socketpair: 'int socketpair(int domain, int type, int protocol, _Out_ int *sv)',
  bind: 'int bind(int fd, const void *addr, uint32_t len)',
  listen: 'int listen(int fd, int backlog)',
  accept: 'int accept(int fd, void *addr, void *len)',
  connect: 'int connect(int fd, const void *addr, uint32_t len)',
  getsockname: 'int getsockname(int fd, _Out_ void *addr, _Inout_ uint32_t *len)',
  recvfrom: 'intptr_t recvfrom(int fd, _Out_ void *buf, size_t len, int flags, _Out_ void *addr, _Inout_ uint32_t *addrlen)',
  if_nametoindex: 'unsigned int if_nametoindex(const char *name)',
  read: 'intptr_t read(int fd, _Out_ void *buf, size_t count)',
  write: 'intptr_t write(int fd, const void *buf, size_t count)',
  recv: 'intptr_t recv(int fd, _Out_ void *buf, size_t len, int flags)',
  send: 'intptr_t send(int fd, const void *buf, size_t len, int flags)',
  sendto: 'intptr_t sendto(int fd, const void *buf, size_t len, int flags, const void *addr, uint32_t addrlen)',
  close: 'int close(int fd)',
  fcntl: 'int fcntl(int fd, int cmd, ...)',
  ioctl: 'int ioctl(int fd, unsigned long request, ...)',
  shutdown: 'int shutdown(int fd, int how)',
  setsockopt: 'int setsockopt(int fd, int level, int name, const void *value, uint32_t len)',
  getsockopt: 'int getsockopt(int fd, int level, int name, _Out_ void *value, _Inout_ uint32_t *len)',
  sigemptyset: 'int sigemptyset(_Out_ void *set)',
  sigaddset: 'int sigaddset(_Inout_ void *set, int signo)',
  sigismember: 'int sigismember(const void *set, int signo)',
  sigpending: 'int sigpending(_Out_ void *set)',
  pthread_sigmask: 'int pthread_sigmask(int how, const void *set, _Out_ void *old)',
  flock: 'int flock(int fd, int operation)',
};

/** The functions only one platform has, or whose prototype differs there. */
export const ONLY: Record<string, Record<string, Prototype>> = {
  linux: {
    poll: 'int poll(_Inout_ void *fds, unsigned long nfds, int timeout)',
    setsockoptFprog: 'int setsockopt(int fd, int level, int name, const sock_fprog *value, uint32_t len)',
    setns: 'int setns(int fd, int nstype)',
    sigtimedwait: 'int sigtimedwait(const void *set, _Out_ void *info, const void *timeout)',
    renameat2: 'int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags)',
    prctl: 'int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)',
  },
  darwin: {
    // nfds_t is unsigned int (bsd/sys/poll.h:102)
    poll: 'int poll(_Inout_ void *fds, unsigned int nfds, int timeout)',
    kqueue: 'int kqueue()',
    kevent: 'int kevent(int kq, const void *changelist, int nchanges, _Out_ void *eventlist, int nevents, const void *timeout)',
    sysctlbyname: 'int sysctlbyname(const char *name, _Out_ void *oldp, _Inout_ size_t *oldlenp, const void *newp, size_t newlen)',
    proc_pidinfo: 'int proc_pidinfo(int pid, int flavor, uint64_t arg, _Out_ void *buffer, int buffersize)',
    getpid: 'int getpid()',
  },
};

/** Something that binds a prototype to a function: koffi's loaded library, or a test's stand-in. */
export interface Binder<F> {
  func(prototype: string): F;
}

/** Binds the common functions and those of `platform` only, by name; nothing of another platform. */
export function bindFor<F>(platform: Pick<Platform, 'name'>, lib: Binder<F>): Record<string, F> {
  const own = ONLY[platform.name] ?? {};
  return Object.fromEntries(Object.entries({ ...COMMON, ...own }).map(([name, prototype]) => [name, lib.func(prototype)]));
}
