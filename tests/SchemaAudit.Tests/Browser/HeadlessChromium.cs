using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SchemaAudit.Tests.Browser;

/// <summary>
/// A headless Debian <c>chromium</c> driven over the Chrome DevTools Protocol (a WebSocket, no
/// driver package): one page, with its console errors, uncaught exceptions and network requests
/// recorded. Started with a fresh profile and everything that phones home switched off.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonNode>> _pending = [];
    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource<bool>> _loadWaiters = [];
    private Task? _reader;
    private int _nextId;
    private string _sessionId = "";

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Console errors, uncaught exceptions and failed loads seen so far.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>URLs the page requested.</summary>
    public List<string> Requests { get; } = [];

    public static async Task<HeadlessChromium> StartAsync(int width = 1400, int height = 1000)
    {
        ExternalPrograms.Require(File.Exists(ExecutablePath) ? null
            : $"{ExecutablePath} is missing: install Debian's chromium (`apt-get install -y chromium`; .ci/run does it) to run the browser tests");
        var profile = Path.Combine(Path.GetTempPath(), "schema-audit-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--remote-debugging-port=0",
            $"--user-data-dir={profile}", $"--window-size={width},{height}", "about:blank",
        })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync();
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    /// <summary>Chromium writes its port to DevToolsActivePort in the profile once it listens.</summary>
    private async Task ConnectAsync()
    {
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + s_timeout;
        string[] lines = [];
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"chromium exited with code {_process.ExitCode} before listening");
            if (File.Exists(portFile))
            {
                try
                {
                    lines = (await File.ReadAllTextAsync(portFile)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                }
                catch (IOException)
                {
                    lines = [];
                }
                if (lines.Length >= 2) break;
            }
            await Task.Delay(100);
        }
        if (lines.Length < 2) throw new TimeoutException("chromium did not open its DevTools port in time");
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), _stop.Token);
        _reader = Task.Run(ReadLoopAsync);

        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, browserLevel: true);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, browserLevel: true);
        _sessionId = attached["sessionId"]!.GetValue<string>();
        foreach (var domain in new[] { "Page.enable", "Runtime.enable", "Log.enable", "Network.enable" })
            await SendAsync(domain);
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task NavigateAsync(string url)
    {
        var loaded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock) _loadWaiters.Add(loaded);
        var result = await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        if (result["errorText"] is { } error) throw new InvalidOperationException($"navigation to {url} failed: {error}");
        await loaded.Task.WaitAsync(s_timeout);
    }

    /// <summary>Evaluates an expression in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } exception)
            throw new InvalidOperationException($"page script failed: {exception.ToJsonString()}");
        return result["result"]?["value"];
    }

    public async Task<T> EvaluateAsync<T>(string expression) =>
        (await EvaluateAsync(expression) ?? throw new InvalidOperationException($"`{expression}` returned nothing")).GetValue<T>();

    /// <summary>A real mouse click (pressed and released) at the centre of the element <paramref name="selector"/> finds, scrolled into view first.</summary>
    public async Task ClickAsync(string selector)
    {
        var point = await EvaluateAsync($$"""
            (() => { const e = document.querySelector({{JsonSerializer.Serialize(selector)}}); if (!e) return null;
              e.scrollIntoView({ block: 'center' }); const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()
            """) ?? throw new InvalidOperationException($"no element matches {selector}");
        double x = point[0]!.GetValue<double>(), y = point[1]!.GetValue<double>();
        foreach (var type in new[] { "mousePressed", "mouseReleased" })
            await SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = "left", ["clickCount"] = 1 });
    }

    public async Task<byte[]> ScreenshotAsync(bool fullPage)
    {
        var parameters = new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = fullPage };
        var result = await SendAsync("Page.captureScreenshot", parameters);
        return Convert.FromBase64String(result["data"]!.GetValue<string>());
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject? parameters = null, bool browserLevel = false)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (!browserLevel) message["sessionId"] = _sessionId;
        var reply = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock) _pending[id] = reply;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        return await reply.Task.WaitAsync(s_timeout);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close) break;
                text.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                var node = JsonNode.Parse(Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length))!;
                text.SetLength(0);
                Dispatch(node);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closing.
        }
        lock (_lock)
        {
            foreach (var pending in _pending.Values) pending.TrySetException(new InvalidOperationException("the DevTools connection closed"));
        }
    }

    private void Dispatch(JsonNode node)
    {
        if (node["id"] is { } idNode)
        {
            TaskCompletionSource<JsonNode>? reply;
            lock (_lock)
            {
                _pending.Remove(idNode.GetValue<int>(), out reply);
            }
            if (node["error"] is { } error) reply?.TrySetException(new InvalidOperationException(error.ToJsonString()));
            else reply?.TrySetResult(node["result"] ?? new JsonObject());
            return;
        }
        var parameters = node["params"];
        lock (_lock)
        {
            switch (node["method"]?.GetValue<string>())
            {
                case "Page.loadEventFired":
                    foreach (var waiter in _loadWaiters) waiter.TrySetResult(true);
                    _loadWaiters.Clear();
                    break;
                case "Runtime.consoleAPICalled" when (Text(parameters, "type") is "error" or "assert"):
                    Errors.Add("console: " + parameters!["args"]?.ToJsonString());
                    break;
                case "Runtime.exceptionThrown":
                    Errors.Add("exception: " + parameters?["exceptionDetails"]?.ToJsonString());
                    break;
                case "Log.entryAdded" when (Text(parameters?["entry"], "level") == "error"):
                    Errors.Add("log: " + Text(parameters!["entry"], "text"));
                    break;
                case "Network.requestWillBeSent":
                    Requests.Add(parameters?["request"]?["url"]?.GetValue<string>() ?? "");
                    break;
            }
        }
    }

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_reader is not null) await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // The reader is abandoned; the process is killed below.
        }
        _socket.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A crash dump may still be open; the temp folder is cleaned eventually.
        }
    }
}
