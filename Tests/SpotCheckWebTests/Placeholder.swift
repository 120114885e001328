// Route tests: see WebTests.swift
