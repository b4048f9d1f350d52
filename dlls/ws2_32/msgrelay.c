/* WSAAsyncSelect's messages pass through one relay window per process.
 *
 * The wineserver posts a socket's messages itself and re-enables each event
 * as Windows does, but for a connection reset by the peer it posts FD_CLOSE
 * with error 0, where Windows says WSAECONNABORTED (as WSAEnumNetworkEvents
 * reports it).  So the server posts to a message-only window of ours,
 * served by one thread, which puts that error right and posts each message
 * on to the program's window.  The
 * server's message number names the (window, message) pair the program
 * asked for: a socket accepted from a selected listener inherits the
 * number, and so the program's window and message, as on Windows.
 *
 * The relay posts through the post routine (WSApSetPostRoutine, kept
 * here), as Windows posts its notifications, and so do ws2kit's own
 * notifications.  Once the relay runs, ws2_32 stays
 * loaded (its thread runs our code). */
#include "ws2_32_private.h"

WS2KIT_DEFAULT_DEBUG_CHANNEL(winsock);

typedef BOOL (WINAPI *post_routine)(HWND, UINT, WPARAM, LPARAM);
static post_routine post_message = PostMessageW;

/* Window-message notifications go through the routine a program (Windows'
 * own WOW layer, historically) may set. */
BOOL ws2kit_post_message(HWND hwnd, UINT msg, WPARAM wparam, LPARAM lparam)
{
    return post_message(hwnd, msg, wparam, lparam);
}

int WINAPI WSApSetPostRoutine(post_routine routine)
{
    CHECK_STARTED(WSANOTINITIALISED);
    post_message = routine ? routine : PostMessageW;
    return ws2kit_succeed();
}

extern IMAGE_DOS_HEADER __ImageBase;

#define RELAY_FIRST   WM_APP
#define RELAY_FLUSH   (WM_APP - 1)  /* lParam: an event to set */
#define RELAY_TARGETS 1024      /* distinct (window, message) pairs */

struct relay_target { HWND window; UINT message; };

static struct relay_target targets[RELAY_TARGETS];
static LONG target_count;
static SRWLOCK targets_lock = SRWLOCK_INIT;
static HWND relay_window;
static INIT_ONCE relay_once = INIT_ONCE_STATIC_INIT;

static void forward(const MSG *msg)
{
    struct relay_target target;
    LPARAM lparam = msg->lParam;

    AcquireSRWLockShared(&targets_lock);
    target = targets[msg->message - RELAY_FIRST];
    ReleaseSRWLockShared(&targets_lock);
    /* ws2kit posted this socket's FD_CLOSE itself, earlier (events.c). */
    if (WSAGETSELECTEVENT(lparam) == FD_CLOSE && ws2kit_close_posted((SOCKET)msg->wParam))
    {
        TRACE("%#Ix: dropping the device's FD_CLOSE\n", (SOCKET)msg->wParam);
        return;
    }
    if (WSAGETSELECTEVENT(lparam) == FD_CLOSE && !WSAGETSELECTERROR(lparam) && ws2kit_connection_was_reset((SOCKET)msg->wParam))
        lparam = WSAMAKESELECTREPLY(FD_CLOSE, WS2KIT_RESET_CLOSE_ERROR);
    TRACE("%#Ix: event %#x error %u -> window %p message %#x\n", (SOCKET)msg->wParam, WSAGETSELECTEVENT(lparam),
          WSAGETSELECTERROR(lparam), target.window, target.message);
    ws2kit_post_message(target.window, target.message, msg->wParam, lparam);
}

static DWORD WINAPI relay_thread(void *ready)
{
    WNDCLASSW cls;
    MSG msg;

    memset(&cls, 0, sizeof(cls));
    cls.lpfnWndProc = DefWindowProcW;
    cls.hInstance = (HINSTANCE)&__ImageBase;
    cls.lpszClassName = L"ws2kit_async_select_relay";
    RegisterClassW(&cls);
    relay_window = CreateWindowExW(0, cls.lpszClassName, L"", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, cls.hInstance, NULL);
    SetEvent(ready);
    if (!relay_window) return 0;
    while (GetMessageW(&msg, NULL, 0, 0) > 0)
    {
        if (msg.hwnd == relay_window && msg.message >= RELAY_FIRST &&
            msg.message < RELAY_FIRST + (UINT)target_count)
            forward(&msg);
        else if (msg.hwnd == relay_window && msg.message == RELAY_FLUSH)
            SetEvent((HANDLE)msg.lParam);
    }
    return 0;
}

static BOOL CALLBACK start_relay(INIT_ONCE *once, void *param, void **context)
{
    HMODULE self;
    HANDLE ready, thread;

    (void)once; (void)param; (void)context;
    if (!(ready = CreateEventW(NULL, TRUE, FALSE, NULL))) return TRUE;
    /* The thread runs our code for the rest of the process's life. */
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                       (const WCHAR *)&__ImageBase, &self);
    if ((thread = CreateThread(NULL, 0, relay_thread, ready, 0, NULL)))
    {
        WaitForSingleObject(ready, INFINITE);
        CloseHandle(thread);
    }
    CloseHandle(ready);
    if (!relay_window) WARN("no relay window: messages go straight to the program\n");
    return TRUE;
}

/* The window and message the device should post to for a program's
 * (window, message): the relay's, or the program's own when the relay
 * cannot run or its numbers are used up. */
void ws2kit_relay_target(HWND window, UINT message, unsigned int *device_window, unsigned int *device_message)
{
    LONG i;

    *device_window = (unsigned int)(ULONG_PTR)window;
    *device_message = message;
    if (!window) return;
    InitOnceExecuteOnce(&relay_once, start_relay, NULL, NULL);
    if (!relay_window) return;
    AcquireSRWLockExclusive(&targets_lock);
    for (i = 0; i < target_count; i++)
        if (targets[i].window == window && targets[i].message == message) break;
    if (i == target_count && i < RELAY_TARGETS)
    {
        targets[i].window = window;
        targets[i].message = message;
        target_count++;
    }
    ReleaseSRWLockExclusive(&targets_lock);
    if (i == RELAY_TARGETS)
    {
        FIXME("more than %u window/message pairs: posting directly\n", RELAY_TARGETS);
        return;
    }
    *device_window = (unsigned int)(ULONG_PTR)relay_window;
    *device_message = RELAY_FIRST + i;
}

/* Waits until the relay has passed on (or dropped) every message the device
 * posted to it so far: forward() must read a socket's notes before
 * closesocket drops them, or the device's late FD_CLOSE would reach the
 * program after ws2kit posted its own (events.c). */
void ws2kit_relay_flush(void)
{
    HANDLE done;

    if (!relay_window || !(done = CreateEventW(NULL, TRUE, FALSE, NULL))) return;
    if (PostMessageW(relay_window, RELAY_FLUSH, 0, (LPARAM)done) &&
        WaitForSingleObject(done, 5000) != WAIT_OBJECT_0)
    {
        WARN("the relay did not answer: leaving its event open\n");
        return;
    }
    CloseHandle(done);
}
