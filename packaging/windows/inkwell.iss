; Inno Setup script for Inkwell: a per-user install (no administrator rights needed).
; Built by `python packaging/build.py` on Windows, which passes the defines below:
;   iscc /DAppVersion=<version> /DAppExeName=inkwell.exe /DBundleDir=...\dist\inkwell /O<out> inkwell.iss
; The user's data folder (%LOCALAPPDATA%\Inkwell) is not part of the install, so the
; uninstaller leaves drafts, history and the model cache where they are.

#ifndef AppVersion
  #error Pass /DAppVersion=... (build.py reads it from pyproject.toml)
#endif
#ifndef AppExeName
  #define AppExeName "inkwell.exe"
#endif
#ifndef BundleDir
  #error Pass /DBundleDir=... (the PyInstaller one-folder bundle)
#endif

[Setup]
AppId={{6C0F5B1E-8D9A-4C52-9A57-3E1F0B7D2A41}
AppName=Inkwell
AppVersion={#AppVersion}
AppPublisher=Inkwell
; Per-user: {autopf} is %LOCALAPPDATA%\Programs when running without elevation.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Inkwell
DefaultGroupName=Inkwell
DisableProgramGroupPage=yes
OutputBaseFilename=Inkwell-{#AppVersion}-setup
SetupIconFile=..\icons\inkwell.ico
UninstallDisplayIcon={app}\{#AppExeName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Inkwell"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\Inkwell"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,Inkwell}"; Flags: nowait postinstall skipifsilent
