@echo off
rem gloss: Gloss's command line, installed with the app. It runs the command
rem line bundled in the app on Gloss.exe acting as plain Node
rem (ELECTRON_RUN_AS_NODE=1). Add this folder (resources) to PATH to use it.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\Gloss.exe" "%~dp0app.asar\out\cli\index.js" %*
exit /b %ERRORLEVEL%
